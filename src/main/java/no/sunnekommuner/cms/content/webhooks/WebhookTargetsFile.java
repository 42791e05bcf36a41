package no.sunnekommuner.cms.content.webhooks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the webhook targets from the administrator's YAML file (setting {@code webhooks.file}):
 * <pre>
 * targets:
 *   website:
 *     url: https://www.example.org/cms-hook
 *     secretEnv: SK_WEBHOOK_WEBSITE_SECRET   # or secret: "..." (16 characters or more)
 *     events: [publish, unpublish, delete]   # default: all three
 *     workspaces: [news]                     # default: every workspace
 * </pre>
 * Anything else is refused with a message naming the key, so a typo does not silently disable a target.
 */
public final class WebhookTargetsFile {

    private static final Set<String> KEYS = Set.of("url", "secret", "secretEnv", "events", "workspaces");

    private WebhookTargetsFile() {
    }

    /** @param env where {@code secretEnv} names are looked up (the process environment) */
    public static ImmutableList<WebhookTarget> read(Path file, Function<String, String> env) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the webhooks file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The webhooks file " + file + " is not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return ImmutableList.of();
        }
        if (!(root instanceof Map<?, ?> top) || !top.keySet().equals(Set.of("targets"))
                || !(top.get("targets") instanceof Map<?, ?> targets)) {
            throw new IllegalArgumentException(file + ": expected a single key 'targets' with one entry per target");
        }
        ImmutableList.Builder<WebhookTarget> out = ImmutableList.builder();
        for (Map.Entry<?, ?> e : targets.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> t)) {
                throw new IllegalArgumentException(file + ": target '" + name + "' must be a map of url, secret …");
            }
            for (Object key : t.keySet()) {
                if (!KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(file + ": target '" + name + "' has an unknown key '" + key
                            + "'; known: " + KEYS);
                }
            }
            String secret = t.get("secret") == null ? null : String.valueOf(t.get("secret"));
            if (t.get("secretEnv") != null) {
                secret = env.apply(String.valueOf(t.get("secretEnv")));
                if (secret == null) {
                    throw new IllegalArgumentException(file + ": target '" + name + "': the environment variable "
                            + t.get("secretEnv") + " is not set");
                }
            }
            Object url = t.get("url");
            if (url == null) {
                throw new IllegalArgumentException(file + ": target '" + name + "' has no url");
            }
            try {
                out.add(new WebhookTarget(name, URI.create(String.valueOf(url).trim()), secret,
                        list(t.get("events")).stream().map(WebhookTarget.Event::parse)
                                .collect(ImmutableSet.toImmutableSet()),
                        ImmutableSet.copyOf(list(t.get("workspaces")))));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file + ": " + ex.getMessage());
            }
        }
        return out.build();
    }

    private static List<String> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value).split("\\s*,\\s*"));
    }
}
