package no.sunnekommuner.cms.server;

import java.net.URI;
import java.time.Duration;
import no.sunnekommuner.cms.website.SiteServer;

/**
 * Runs the website on its own, against the CMS named by {@code site.apiBaseUrl} (a separate process, machine or
 * container: it needs nothing but that URL).
 */
public final class SiteMain {

    private SiteMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.load();
        String api = settings.get("site.apiBaseUrl", "");
        if (api.isBlank()) {
            System.err.println("Configuration error: set site.apiBaseUrl (SK_SITE_API_BASE_URL) to the CMS's address");
            System.exit(2);
        }
        SiteServer site = new SiteServer(options(settings, URI.create(api), settings.integer("site.port")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                site.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }, "site-shutdown"));
        site.start();
        System.out.println("Website: http://localhost:" + site.port() + "/ (reads " + api + ")");
    }

    /** The site's options from the settings. */
    public static SiteServer.Options options(Settings settings, URI apiBase, int port) {
        return new SiteServer.Options(settings.get("site.host", "0.0.0.0"), port, settings.get("site.baseUrl", ""),
                apiBase, Duration.ofSeconds(settings.longInteger("site.cacheSeconds", 0)),
                settings.integer("site.cacheEntries"), settings.get("applications.intakeSecret", ""),
                settings.integer("applications.maxDeclarationKilobytes") * 1024L);
    }
}
