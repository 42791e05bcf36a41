package no.sunnekommuner.cms.website;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The site's view of the content model, read from {@code website/site-model.properties}: which endpoint serves
 * which content, which property holds what and the orders the pages ask for. Java names no content-type property
 * (the light module is the whole content model); renaming one is a change of that file and the templates.
 */
final class SiteModel {

    static final String RESOURCE = "/website/site-model.properties";

    private final Properties values;

    private SiteModel(Properties values) {
        this.values = values;
    }

    static SiteModel load() {
        try (InputStream in = SiteModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE + " on the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new SiteModel(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a key; a missing key is a programming error of the site, reported at once. */
    String get(String key) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Missing key '" + key + "' in " + RESOURCE);
        }
        return value.trim();
    }

    List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
