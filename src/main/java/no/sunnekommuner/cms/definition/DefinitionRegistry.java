package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;
import no.sunnekommuner.cms.definition.problem.Problem;

/**
 * An immutable snapshot of every definition loaded from the light modules, with the problems found on the way.
 * Definitions with severe problems are left out; the problems say why.
 */
public record DefinitionRegistry(
        ImmutableSet<String> modules,
        ImmutableMap<String, ContentTypeDefinition> contentTypes,
        ImmutableMap<String, AppDefinition> apps,
        ImmutableMap<String, DeliveryEndpointDefinition> endpoints,
        ImmutableMap<String, ImmutableMap<String, String>> messages,
        ImmutableList<Problem> problems,
        ImmutableMap<String, FeedSettings> feeds,
        ImmutableSet<String> reviewApps,
        ImmutableMap<String, EndpointOptions> endpointOptions) {

    public DefinitionRegistry {
        feeds = feeds == null ? ImmutableMap.of() : feeds;
        reviewApps = reviewApps == null ? ImmutableSet.of() : reviewApps;
        endpointOptions = endpointOptions == null ? ImmutableMap.of() : endpointOptions;
    }

    /**
     * True when an app showing this workspace requires review before publishing ({@code reviewRequired} in the
     * module's {@code standalone/content-rules.yaml}, a file Magnolia ignores).
     */
    public boolean reviewRequired(String workspace) {
        return apps.values().stream().filter(a -> reviewApps.contains(a.name()))
                .anyMatch(a -> contentType(a.contentType()).map(ContentTypeDefinition::workspace)
                        .filter(workspace::equals).isPresent());
    }

    /** The website options of an endpoint path; {@link EndpointOptions#NONE} if unset. */
    public EndpointOptions endpointOptions(String endpointPath) {
        return endpointOptions.getOrDefault(endpointPath, EndpointOptions.NONE);
    }

    /** The feed settings of an endpoint path (e.g. {@code delivery/news/v1}); {@link FeedSettings#NONE} if unset. */
    public FeedSettings feed(String endpointPath) {
        return feeds.getOrDefault(endpointPath, FeedSettings.NONE);
    }

    public Optional<ContentTypeDefinition> contentType(String name) {
        return Optional.ofNullable(contentTypes.get(name));
    }

    public Optional<AppDefinition> app(String name) {
        return Optional.ofNullable(apps.get(name));
    }

    /** The content type whose items live in this workspace, if any. */
    public Optional<ContentTypeDefinition> contentTypeOfWorkspace(String workspace) {
        return contentTypes.values().stream().filter(c -> c.workspace().equals(workspace)).findFirst();
    }

    public boolean hasSevereProblems() {
        return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.SEVERE);
    }

    /**
     * A message from the light modules' {@code i18n/} bundles: the language's bundle, then the default one.
     *
     * @param language e.g. {@code nb} or {@code en}
     */
    public Optional<String> message(String language, String key) {
        ImmutableMap<String, String> bundle = messages.get(language);
        if (bundle != null && bundle.containsKey(key)) {
            return Optional.of(bundle.get(key));
        }
        ImmutableMap<String, String> fallback = messages.get("");
        return fallback == null ? Optional.empty() : Optional.ofNullable(fallback.get(key));
    }
}
