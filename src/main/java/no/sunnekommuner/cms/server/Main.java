package no.sunnekommuner.cms.server;

import java.time.ZoneId;
import java.util.function.Consumer;
import no.sunnekommuner.cms.content.bootstrap.ImportLimits;
import no.sunnekommuner.cms.delivery.DeliveryModule;
import no.sunnekommuner.cms.delivery.DeliverySettings;
import no.sunnekommuner.cms.repository.JcrNodeReader;
import no.sunnekommuner.cms.editor.EditorModule;
import no.sunnekommuner.cms.editor.EditorServices;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import java.util.ArrayList;
import java.util.List;
import no.sunnekommuner.cms.content.bootstrap.DemoContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the CMS: repository, demo content, web modules on Jetty; Ctrl-C shuts everything down cleanly. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            start(args);
        } catch (ConfigurationException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void start(String[] args) throws Exception {
        Settings settings = withIntakeSecret(Settings.load());
        if (args.length > 0) {
            // sub-commands (backup and restore) instead of the server
            System.exit(BackupCommand.run(args, settings));
            return;
        }
        // settings that can be checked before the repository starts (a wrong port is one line, not a stack)
        int port = settings.port();
        if (settings.flag("site.enabled")) {
            settings.integer("site.port");
        }
        HttpSecurity security = HttpSecurity.of(settings);
        settings.demoContent();
        CmsRuntime runtime;
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<String>> generatedPassword =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
        java.util.Map<String, Consumer<CmsRuntime>> initial = new java.util.LinkedHashMap<>();
        if (settings.demoContent()) {
            initial.put("demo content", r -> new DemoContent(r.content()).loadIfEmpty());
        }
        initial.put("accounts", r -> generatedPassword.set(InitialAdmin.ensure(r.users(), settings)));
        try {
            // the repository starts, and then the start-up tasks (these, the asset migration, the scheduler's first
            // pass) run, while the web server starts
            runtime = CmsRuntime.begin(settings, java.time.Clock.systemUTC(), initial);
        } catch (no.sunnekommuner.cms.definition.load.DefinitionProblemsException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        StartupPhases phases = new StartupPhases();
        CmsServer server;
        try {
            List<WebModule> modules = new ArrayList<>(webModules(runtime));
            server = new CmsServer(settings.get("server.host"), port, security, modules);
            phases.done("web modules");
        } catch (RuntimeException e) {
            runtime.close(); // the repository's lock must not outlive a refused start
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("Jetty did not stop cleanly", e);
            }
            runtime.close();
        }, "shutdown"));
        try {
            server.start();
        } catch (Exception e) {
            runtime.awaitStarted(); // a failed repository start is what to report, not what it broke in Jetty
            throw e;
        }
        phases.done("jetty");
        try {
            runtime.awaitStarted();
        } catch (ConfigurationException e) {
            // settings read by a start-up task (the first admin's): one line and exit 2, as those read before
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            // the shutdown hook stops Jetty and closes the repository
            LOG.error("Start-up failed", e);
            System.exit(1);
            return;
        }
        phases.done("waiting for the start-up tasks");
        LOG.info("Ready {} ms after the content runtime ({}); {} ms since the JVM started", phases.totalMillis(),
                phases, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        String base = "http://localhost:" + server.port();
        no.sunnekommuner.cms.website.SiteServer site;
        try {
            site = startSite(settings, server.port());
        } catch (java.io.IOException e) {
            // a taken site.port: one line and exit 2 (the shutdown hook stops the CMS and the repository cleanly)
            System.err.println("Configuration error: the website cannot listen on port " + settings.get("site.port")
                    + " (" + e.getMessage() + "); set site.port (SK_SITE_PORT) or site.enabled=false");
            System.exit(2);
            return;
        }
        System.out.println();
        System.out.println("Sunne kommuner CMS is running (Ctrl-C stops it):");
        for (String path : server.announcedPaths()) {
            System.out.println("  " + base + path);
        }
        if (site != null) {
            System.out.println("  " + "http://localhost:" + site.port() + "/  (the public website, nb; /en/ in English)");
        }
        generatedPassword.get().ifPresent(p -> System.out.println(System.lineSeparator() + "First start: created user '"
                + settings.get("admin.username", "admin") + "' with password " + p
                + " (shown once; set SK_ADMIN_PASSWORD before the first start to choose it)"));
        System.out.println();
    }

    /**
     * The website in this process and the CMS share a random intake secret when none is configured, so the CMS
     * believes the visitor addresses it forwards with membership applications (its rate limit is per visitor).
     */
    static Settings withIntakeSecret(Settings settings) {
        if (!settings.get("applications.intakeSecret", "").isBlank() || !settings.flag("site.enabled")
                || !settings.get("site.apiBaseUrl", "").isBlank()) {
            return settings;
        }
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return settings.with("applications.intakeSecret",
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /**
     * The public website on its own port (setting {@code site.port}), reading this CMS's delivery API over HTTP on
     * localhost unless {@code site.apiBaseUrl} names another; stopped by the JVM's shutdown.
     */
    private static no.sunnekommuner.cms.website.SiteServer startSite(Settings settings, int cmsPort) throws Exception {
        if (!settings.flag("site.enabled")) {
            return null;
        }
        String api = settings.get("site.apiBaseUrl", "http://localhost:" + cmsPort);
        no.sunnekommuner.cms.website.SiteServer site = new no.sunnekommuner.cms.website.SiteServer(
                no.sunnekommuner.cms.server.SiteMain.options(settings, java.net.URI.create(api),
                        settings.integer("site.port")));
        site.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                site.close();
            } catch (Exception e) {
                LOG.warn("The website did not stop cleanly", e);
            }
        }, "site-shutdown"));
        return site;
    }

    /**
     * The web modules of the application, in mounting order. This is the composition root: delivery and the
     * editor get what they use from the layers below and know nothing of the runtime or the settings file.
     */
    public static List<WebModule> webModules(CmsRuntime runtime) {
        List<WebModule> modules = new ArrayList<>();
        DeliverySettings deliverySettings = deliverySettings(runtime.settings());
        DeliveryModule delivery = new DeliveryModule(runtime.definitions(), runtime.content(),
                new JcrNodeReader(runtime.repository(), deliverySettings.timeZone()), runtime.users(),
                runtime.basicAuth(), runtime.tokens(), deliverySettings, runtime.previews().tokens());
        modules.add(Metrics.operations(runtime, delivery));
        modules.add(new StatusModule(runtime.definitions(), runtime.content(), delivery.requestUser()));
        modules.add(module(delivery::register, delivery.announcedPaths()));
        java.util.Optional<ApplicationsModule> applications = ApplicationsModule.of(runtime);
        applications.ifPresent(modules::add);
        no.sunnekommuner.cms.delivery.media.MediaModule media = MediaSettings.module(runtime, delivery.requestUser());
        modules.add(module(media::register, media.announcedPaths()));
        delivery.service().resolveAssetsWith(media.assetReferences(runtime.content()));
        EditorModule editor = new EditorModule(new EditorServices(runtime.definitions(), runtime.content(),
                runtime.users(), runtime.signIn(), runtime.tokens(), runtime.settings().editorTimeZone(),
                runtime.settings().editorDateFormat(),
                new no.sunnekommuner.cms.editor.WorkflowServices(runtime.audit(), runtime.webhooks(),
                        runtime.previews()),
                applications.map(ApplicationsModule::applications).orElse(null), runtime.assets()));
        modules.add(module(editor::register, editor.announcedPaths()));
        String staticDir = runtime.settings().get("server.staticDir", "");
        if (!staticDir.isBlank()) {
            modules.add(new StaticFilesModule(java.nio.file.Path.of(staticDir)));
        }
        return modules;
    }

    static DeliverySettings deliverySettings(Settings settings) {
        if (settings.list("rest.cors.authenticatedOrigins").contains("*")) {
            throw new ConfigurationException("Setting 'rest.cors.authenticatedOrigins' cannot be '*': name the "
                    + "origins (e.g. https://www.example.org) that may call preview and the nodes API with credentials");
        }
        return new DeliverySettings(settings.siteLocales(), settings.get("server.baseUrl"),
                settings.get("delivery.linkBase", settings.get("server.baseUrl")),
                ZoneId.of(settings.get("delivery.timeZone", "UTC")),
                settings.integer("delivery.cache.maxMegabytes") * 1024L * 1024L, settings.get("delivery.cacheControl"),
                new ImportLimits(settings.integer("import.maxDepth"), settings.integer("import.maxNodes"),
                        settings.integer("import.maxBodyMegabytes") * 1024L * 1024L,
                        settings.integer("import.batchNodes")),
                settings.get("delivery.feed.dateProperty"),
                settings.get("delivery.feed.summaryProperty"), settings.get("delivery.feed.itemUrl", ""),
                settings.list("delivery.cors.allowedOrigins"), settings.list("rest.cors.authenticatedOrigins"),
                settings.integer("rest.maxJsonBodyKilobytes") * 1024L, maxRenderedNodes(settings));
    }

    private static int maxRenderedNodes(Settings settings) {
        int budget = settings.integer("rest.maxRenderedNodes");
        if (budget < 1) {
            throw new ConfigurationException("Setting 'rest.maxRenderedNodes' must be at least 1, not " + budget);
        }
        return budget;
    }

    private static WebModule module(Consumer<ServletContextHandler> register, List<String> paths) {
        return new WebModule() {
            @Override
            public void register(ServletContextHandler context) {
                register.accept(context);
            }

            @Override
            public List<String> announcedPaths() {
                return paths;
            }
        };
    }
}
