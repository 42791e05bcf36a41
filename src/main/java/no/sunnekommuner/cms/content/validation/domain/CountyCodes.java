package no.sunnekommuner.cms.content.validation.domain;

import com.google.common.collect.ImmutableSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The county numbers a kommunenummer or fylkesnummer may start with, read from the resource {@code counties.csv}
 * (SSB's classification, with its source and date in the file's header), so that a reform is a data change.
 */
public final class CountyCodes {

    static final String RESOURCE = "counties.csv";

    private final ImmutableSet<String> codes;

    private CountyCodes(ImmutableSet<String> codes) {
        this.codes = codes;
    }

    public static CountyCodes load() {
        try (InputStream in = CountyCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            ImmutableSet.Builder<String> out = ImmutableSet.builder();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String code = trimmed.split(";", -1)[0].trim();
                if (!code.matches("\\d{2}")) {
                    throw new IllegalStateException("Bad county code in " + RESOURCE + ": " + line);
                }
                out.add(code);
            }
            return new CountyCodes(out.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(String code) {
        return codes.contains(code);
    }
}
