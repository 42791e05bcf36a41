package no.sunnekommuner.cms.server;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import no.sunnekommuner.cms.content.events.ContentEvent;
import no.sunnekommuner.cms.content.webhooks.WebhookDispatcher;
import no.sunnekommuner.cms.content.webhooks.WebhookSettings;
import no.sunnekommuner.cms.content.webhooks.WebhookTarget;
import no.sunnekommuner.cms.content.webhooks.WebhookTargetsFile;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;

/** Builds the consumers of the content service's events from the settings: the webhooks and their URLs. */
final class EventWiring {

    private EventWiring() {
    }

    static WebhookDispatcher webhooks(Settings settings, DefinitionRegistry definitions, Path dataDir) {
        String file = settings.get("webhooks.file", "");
        ImmutableList<WebhookTarget> targets;
        try {
            targets = file.isEmpty() ? ImmutableList.of()
                    : WebhookTargetsFile.read(Path.of(file), System::getenv);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Setting 'webhooks.file': " + e.getMessage());
        }
        WebhookSettings webhookSettings;
        try {
            webhookSettings = new WebhookSettings(
                    Duration.ofMillis(settings.longInteger("webhooks.retry.initialMillis", 1000)),
                    Duration.ofSeconds(settings.longInteger("webhooks.retry.maxSeconds", 600)),
                    settings.integer("webhooks.retry.maxAttempts"), settings.integer("webhooks.outbox.maxEvents"),
                    Duration.ofSeconds(settings.longInteger("webhooks.timeoutSeconds", 10)));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        String base = stripSlash(settings.get("server.baseUrl"));
        return new WebhookDispatcher(targets, dataDir.resolve("webhooks"), webhookSettings,
                event -> deliveryUrl(definitions, base, event).orElse(null));
    }

    /**
     * The public delivery URL of an event's item: the delivery endpoint of its workspace whose root path holds it
     * (the deepest root when several do).
     */
    static Optional<String> deliveryUrl(DefinitionRegistry definitions, String base, ContentEvent event) {
        return definitions.endpoints().values().stream()
                .filter(DeliveryEndpointDefinition::isDelivery)
                .filter(d -> d.workspace().equals(event.workspace()))
                .filter(d -> d.rootPath().equals("/") || event.path().equals(d.rootPath())
                        || event.path().startsWith(d.rootPath() + "/"))
                .max(Comparator.comparingInt(d -> d.rootPath().length()))
                .map(d -> {
                    String relative = d.rootPath().equals("/") ? event.path()
                            : event.path().substring(d.rootPath().length());
                    return base + "/.rest/" + d.endpointPath() + (relative.isEmpty() ? "" : relative);
                });
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * The preview links: templates from the modules' {@code standalone/preview.yaml}, tokens signed with
     * {@code preview.secret}, or else with a key generated once into {@code <data.dir>/preview.key} (so tokens
     * outlive a restart; instances of a cluster need the same {@code preview.secret}).
     */
    static no.sunnekommuner.cms.content.preview.PreviewLinks previews(Settings settings,
            DefinitionRegistry definitions, Path dataDir) {
        byte[] key;
        String secret = settings.get("preview.secret", "");
        if (!secret.isEmpty()) {
            if (secret.length() < 32) {
                throw new ConfigurationException("Setting 'preview.secret' must have at least 32 characters");
            }
            key = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            key = generatedKey(dataDir.resolve("preview.key"));
        }
        var tokens = new no.sunnekommuner.cms.content.preview.PreviewTokens(key, java.time.Clock.systemUTC(),
                Duration.ofMinutes(settings.longInteger("preview.tokenMinutes", 30)));
        com.google.common.collect.ImmutableMap<String, com.google.common.collect.ImmutableMap<String, String>>
                templates;
        try {
            templates = no.sunnekommuner.cms.content.preview.PreviewTemplatesFile.read(settings.lightModuleDirs(),
                    definitions.apps().keySet());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        String site = settings.get("site.baseUrl", "http://localhost:" + settings.get("site.port", "8081"));
        return new no.sunnekommuner.cms.content.preview.PreviewLinks(templates, tokens, site);
    }

    private static byte[] generatedKey(Path file) {
        try {
            if (java.nio.file.Files.exists(file)) {
                byte[] stored = java.nio.file.Files.readAllBytes(file);
                if (stored.length >= 32) {
                    return stored;
                }
            }
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            java.nio.file.Files.write(file, key);
            try {
                java.nio.file.Files.setPosixFilePermissions(file,
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the data folder's own permissions protect it
            }
            return key;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot keep the preview key in " + file, e);
        }
    }
}
