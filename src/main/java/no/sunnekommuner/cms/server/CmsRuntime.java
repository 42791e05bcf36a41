package no.sunnekommuner.cms.server;

import java.io.IOException;
import java.time.Clock;
import java.nio.file.Path;
import java.util.List;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.RichTextSanitizer;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.content.validation.ContentValidator;
import no.sunnekommuner.cms.content.validation.domain.DomainRules;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.load.LightModuleLoader;
import no.sunnekommuner.cms.repository.JcrContentStore;
import no.sunnekommuner.cms.repository.JcrRepository;
import no.sunnekommuner.cms.repository.RepositorySetup;
import no.sunnekommuner.cms.repository.JcrTokenStore;
import no.sunnekommuner.cms.repository.JcrUserStore;
import no.sunnekommuner.cms.security.ApiTokens;
import no.sunnekommuner.cms.security.Authenticator;
import no.sunnekommuner.cms.security.BasicAuthCache;
import no.sunnekommuner.cms.security.LoginThrottle;
import no.sunnekommuner.cms.security.PasswordHasher;
import no.sunnekommuner.cms.security.SignIn;
import no.sunnekommuner.cms.security.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content side of the CMS wired together: definitions loaded from the light modules, the repository with
 * the workspaces and node types they need, and the content service. Web modules are built on top of it.
 */
public final class CmsRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CmsRuntime.class);

    private final Settings settings;
    private final DefinitionRegistry definitions;
    private final JcrRepository repository;
    private final ContentService content;
    private final UserDirectory users;
    private final SignIn signIn;
    private final BasicAuthCache basicAuth;
    private final ApiTokens tokens;
    private final io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics;
    private no.sunnekommuner.cms.content.workflow.PublicationScheduler scheduler;
    private StartupTasks startup;
    private no.sunnekommuner.cms.content.audit.AuditLog audit;
    private no.sunnekommuner.cms.content.webhooks.WebhookDispatcher webhooks;
    private no.sunnekommuner.cms.content.preview.PreviewLinks previews;
    private final com.google.common.collect.ImmutableMap<String, no.sunnekommuner.cms.definition.ThemeDefinition>
            themes;

    private CmsRuntime(Settings settings, DefinitionRegistry definitions, JcrRepository repository,
            ContentService content, UserDirectory users, SignIn signIn, BasicAuthCache basicAuth, ApiTokens tokens,
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics) {
        this.metrics = metrics;
        this.themes = new no.sunnekommuner.cms.definition.load.ThemeLoader().load(settings.lightModuleDirs());
        this.settings = settings;
        this.definitions = definitions;
        this.repository = repository;
        this.content = content;
        this.users = users;
        this.signIn = signIn;
        this.basicAuth = basicAuth;
        this.tokens = tokens;
    }

    /**
     * Loads the definitions (severe problems stop start-up with their messages), starts the repository,
     * prepares workspaces and node types and runs the start-up tasks ({@link #begin}); returns when all is done.
     */
    public static CmsRuntime start(Settings settings) throws IOException {
        return start(settings, Clock.systemUTC());
    }

    /**
     * As {@link #start(Settings)}, with the clock of review decisions and scheduled publishes (tests move it);
     * the scheduler runs what is due at once, then every {@code workflow.schedulerIntervalMillis}.
     */
    public static CmsRuntime start(Settings settings, Clock clock) throws IOException {
        CmsRuntime runtime = begin(settings, clock);
        try {
            runtime.awaitStarted();
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
        return runtime;
    }

    /**
     * As {@link #start(Settings, Clock)}, but returns once the services are wired, while the start-up tasks run
     * on a thread of their own: the asset migration and the scheduler's first pass, then (not waited for) every
     * workspace opened (see {@link StartupTasks}). The server starts its web side meanwhile and waits with
     * {@link #awaitStarted()}; {@link #started()} tells the readiness endpoint.
     */
    public static CmsRuntime begin(Settings settings, Clock clock) throws IOException {
        return begin(settings, clock, java.util.Map.of());
    }

    /**
     * As {@link #begin(Settings, Clock)}, with tasks of the caller's that need the content (the demo content, the
     * first admin account): the start-up thread runs them, in their iteration order, once the repository has
     * started and before the asset migration.
     */
    public static CmsRuntime begin(Settings settings, Clock clock,
            java.util.Map<String, java.util.function.Consumer<CmsRuntime>> first) throws IOException {
        StartupPhases phases = new StartupPhases();
        List<Path> dirs = settings.lightModuleDirs();
        DefinitionRegistry definitions = new LightModuleLoader().loadOrFail(dirs);
        definitions.problems().forEach(p -> LOG.warn("Definition problem: {}", p));
        LOG.info("Loaded light modules {} from {}: {} content types, {} apps, {} endpoints",
                definitions.modules(), dirs, definitions.contentTypes().size(), definitions.apps().size(),
                definitions.endpoints().size());
        phases.done("definitions");
        // Jackrabbit starts (and gets the node types and workspaces of the definitions) on a thread of its own,
        // 1.5-2 s at 100,000 items: the services and the web server are built meanwhile, and every log-in waits
        // for the start. Nothing below reads content; the start-up tasks begin by waiting for it.
        JcrRepository repository = RepositorySetup.begin(DataFolder.prepare(settings.dataDir().toAbsolutePath()
                .normalize()), settings.repositoryOptions(), definitions);
        try {
            phases.done("repository folder");
            SiteLocales locales = settings.siteLocales();
            io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics = Metrics.registry(repository);
            MeteredContentStore store = new MeteredContentStore(new JcrContentStore(repository), metrics);
            ContentService content = new ContentService(definitions, store,
                    new ContentValidator(definitions, locales, DomainRules.all()),
                    new RichTextSanitizer(no.sunnekommuner.cms.content.media.AssetNodes.library(store)),
                    locales, clock, settings.integer("content.versionsPerItem"));
            content.addChangeListener(workspace -> repository.queryCounts().invalidate());
            // one event stream for the audit log and the webhooks (each write, in write order per workspace)
            Path data = settings.dataDir().toAbsolutePath().normalize();
            no.sunnekommuner.cms.content.audit.AuditLog audit = no.sunnekommuner.cms.content.audit.AuditLog.open(
                    data.resolve("audit"));
            content.addEventListener(audit);
            no.sunnekommuner.cms.content.webhooks.WebhookDispatcher webhooks = EventWiring.webhooks(settings,
                    definitions, data);
            content.addEventListener(webhooks);
            no.sunnekommuner.cms.content.media.AssetIntake intake =
                    new no.sunnekommuner.cms.content.media.AssetIntake(MediaSettings.limits(settings));
            content.guardWorkspace(no.sunnekommuner.cms.content.media.AssetNodes.WORKSPACE,
                    new no.sunnekommuner.cms.content.media.AssetGuard(intake));
            // another cluster node's writes empty the same caches as local ones (delivery, query counts, grids)
            repository.onExternalChange(content::announceExternalChange);
            UserDirectory users = new UserDirectory(new JcrUserStore(repository), new PasswordHasher());
            SignIn signIn = new SignIn(users, new LoginThrottle(Clock.systemUTC(),
                    settings.integer("security.signIn.maxTracked"), settings.integer("security.signIn.addressFailures")),
                    audit);
            BasicAuthCache basicAuth = new BasicAuthCache(signIn, users,
                    java.time.Duration.ofSeconds(settings.integer("security.basicAuthCache.seconds")),
                    settings.integer("security.signIn.maxTracked"));
            ApiTokens tokens = new ApiTokens(new JcrTokenStore(repository), users, Clock.systemUTC());
            CmsRuntime runtime = new CmsRuntime(settings, definitions, repository, content, users, signIn, basicAuth,
                    tokens, metrics);
            runtime.audit = audit;
            runtime.webhooks = webhooks;
            runtime.previews = EventWiring.previews(settings, definitions, data);
            webhooks.start();
            runtime.scheduler = new no.sunnekommuner.cms.content.workflow.PublicationScheduler(content, clock,
                    java.time.Duration.ofMillis(settings.integer("workflow.schedulerIntervalMillis")));
            phases.done("services");
            LOG.info("Content runtime wired in {} ms: {}", phases.totalMillis(), phases);
            java.util.Map<String, Runnable> tasks = new java.util.LinkedHashMap<>();
            tasks.put("repository start", () -> RepositorySetup.awaitStarted(repository));
            first.forEach((name, task) -> tasks.put(name, () -> task.accept(runtime)));
            // values of asset properties from before they were assets (image URLs) become asset keys, audited
            tasks.put("asset migration", () -> new no.sunnekommuner.cms.content.media.AssetReferenceMigration(
                    content, java.util.List.of(settings.get("server.baseUrl", ""), settings.get("delivery.linkBase",
                            settings.get("server.baseUrl", "")))).run());
            // after the webhooks: what is due at start is announced too
            tasks.put("scheduler's first pass", runtime.scheduler::start);
            runtime.startup = new StartupTasks(tasks, settings.flag("repository.warmUp")
                    ? () -> RepositorySetup.openWorkspaces(repository, definitions) : null);
            return runtime;
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    public DefinitionRegistry definitions() {
        return definitions;
    }

    public JcrRepository repository() {
        return repository;
    }

    public ContentService content() {
        return content;
    }

    /** The light modules' themes (their imaging variations name the renditions). */
    public com.google.common.collect.ImmutableMap<String, no.sunnekommuner.cms.definition.ThemeDefinition> themes() {
        return themes;
    }

    /** The media library (uploads, folders, files of assets) on the content service. */
    public no.sunnekommuner.cms.content.media.AssetLibrary assets() {
        return new no.sunnekommuner.cms.content.media.AssetLibrary(content,
                new no.sunnekommuner.cms.content.media.AssetIntake(MediaSettings.limits(settings)));
    }

    /** Editor accounts (sign-in for the editor, the preview endpoints and the nodes API). */
    public UserDirectory users() {
        return users;
    }

    /** Password sign-in with the lock-out policy (the editor's sign-in form). */
    public SignIn signIn() {
        return signIn;
    }

    /** HTTP Basic: password sign-in behind a short cache of verified credentials. */
    public Authenticator basicAuth() {
        return basicAuth;
    }

    /** API tokens ({@code Authorization: Bearer}). */
    public ApiTokens tokens() {
        return tokens;
    }

    /** The metrics of this instance (scraped at /.metrics). */
    public io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Runs the planned publishes and unpublishes. */
    public no.sunnekommuner.cms.content.workflow.PublicationScheduler scheduler() {
        return scheduler;
    }

    /** The append-only audit log of writes and sign-ins. */
    public no.sunnekommuner.cms.content.audit.AuditLog audit() {
        return audit;
    }

    /** The webhook targets, their outboxes and recent deliveries. */
    public no.sunnekommuner.cms.content.webhooks.WebhookDispatcher webhooks() {
        return webhooks;
    }

    /** The website's preview links and the tokens that let it read one draft. */
    public no.sunnekommuner.cms.content.preview.PreviewLinks previews() {
        return previews;
    }

    /** Whether the start-up tasks are done (the readiness endpoint answers 503 "starting" until then). */
    public boolean started() {
        return startup.isDone();
    }

    /** Waits for the start-up tasks; their failure is thrown here. */
    public void awaitStarted() {
        startup.await();
    }

    @Override
    public void close() {
        if (startup != null) {
            startup.finish(); // the tasks write through the repository closed below
        }
        if (scheduler != null) {
            scheduler.close();
        }
        webhooks.close();
        audit.close();
        metrics.close();
        repository.close();
    }
}
