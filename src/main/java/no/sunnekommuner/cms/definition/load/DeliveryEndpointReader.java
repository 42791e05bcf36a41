package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.ReferenceDefinition;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/**
 * Reads {@code restEndpoints/**.yaml} files of type {@code jcrDeliveryEndpoint_v2} (or its class name). The URL
 * path is the file path below {@code restEndpoints/} with {@code _} turned into {@code /}, as Magnolia does.
 */
final class DeliveryEndpointReader {

    static final String TYPE = "jcrDeliveryEndpoint_v2";
    static final String CLASS = "info.magnolia.rest.delivery.jcr.v2.JcrDeliveryEndpointDefinition";
    private static final Set<String> RESOLVER_TYPES = ImmutableSet.of("jcrReferenceResolver",
            "info.magnolia.rest.reference.jcr.JcrReferenceResolverDefinition", ReferenceDefinition.ASSET_RESOLVER,
            ReferenceDefinition.ASSET_RESOLVER_CLASS);
    private static final Set<String> KEYS = ImmutableSet.of("$type", "class", "implementationClass", "endpointPath",
            "enabled", "workspace", "rootPath", "nodeTypes", "childNodeTypes", "strict", "depth", "limit",
            "maxLimit", "includeSystemProperties", "systemProperties", "properties", "excludeProperties",
            "bypassWorkspaceAcls", "referenceDepth", "referenceRepeat", "references", "personalized");
    private static final Set<String> REFERENCE_KEYS = ImmutableSet.of("name", "propertyName", "referenceResolver");
    private static final Set<String> RESOLVER_KEYS = ImmutableSet.of("$type", "class", "targetWorkspace", "expand",
            "generateLink", "depthInReferencedNode", "assetRenditions", "includeDownloadLink",
            "includeAssetMetadata");

    private final ProblemReporter problems;

    DeliveryEndpointReader(ProblemReporter problems) {
        this.problems = problems;
    }

    Optional<DeliveryEndpointDefinition> read(YamlDocument document, String module, Path restEndpointsDir) {
        YamlFields f = new YamlFields(document, problems);
        if (!(document.root() instanceof Map<?, ?>)) {
            f.report(Severity.SEVERE, "", "An endpoint definition must be a map with '$type' or 'class'");
            return Optional.empty();
        }
        Map<String, Object> root = f.map(document.root(), "");
        String type = f.string(root, "$type", "");
        String cls = f.string(root, "class", "");
        if (type == null && cls == null) {
            f.report(Severity.SEVERE, "", "The endpoint has neither '$type' nor 'class'");
            return Optional.empty();
        }
        if (!TYPE.equals(type) && !CLASS.equals(cls)) {
            f.report(Severity.MINOR, type != null ? "$type" : "class", "Endpoint type '" + (type != null ? type : cls)
                    + "' is not served by the standalone runtime (only " + TYPE + "); ignored");
            return Optional.empty();
        }
        f.unknownKeys(root, KEYS, "", "a " + TYPE + " endpoint");
        if (Boolean.FALSE.equals(f.bool(root, "enabled", ""))) {
            return Optional.empty();
        }
        String workspace = f.string(root, "workspace", "");
        if (workspace == null || workspace.isBlank()) {
            f.report(Severity.SEVERE, "", "The endpoint has no 'workspace': a " + TYPE + " endpoint needs the "
                    + "workspace it delivers from");
            return Optional.empty();
        }
        String endpointPath = f.string(root, "endpointPath", "");
        if (endpointPath == null) {
            String relative = restEndpointsDir.relativize(document.file()).toString().replace('\\', '/');
            endpointPath = relative.substring(0, relative.length() - ".yaml".length()).replace('_', '/');
        }
        endpointPath = endpointPath.replaceAll("^/+|/+$", "");
        String rootPath = f.string(root, "rootPath", "");
        if (rootPath != null && !rootPath.isEmpty() && !rootPath.startsWith("/")) {
            f.report(Severity.MAJOR, "rootPath", "rootPath '" + rootPath + "' must be absolute; read as /" + rootPath);
            rootPath = "/" + rootPath;
        }
        int limit = f.integer(root, "limit", "", DeliveryEndpointDefinition.DEFAULT_LIMIT);
        int maxLimit = f.integer(root, "maxLimit", "", DeliveryEndpointDefinition.DEFAULT_MAX_LIMIT);
        if (limit < 1 || maxLimit < 1) {
            f.report(Severity.MAJOR, "limit", "limit and maxLimit must be at least 1; defaults used");
            limit = DeliveryEndpointDefinition.DEFAULT_LIMIT;
            maxLimit = DeliveryEndpointDefinition.DEFAULT_MAX_LIMIT;
        }
        return Optional.of(new DeliveryEndpointDefinition(endpointPath, module, document.file(), workspace, rootPath,
                f.strings(root, "nodeTypes", ""), f.strings(root, "childNodeTypes", ""),
                f.bool(root, "strict", "", false), f.integer(root, "depth", "", 0), limit, maxLimit,
                f.bool(root, "includeSystemProperties", "", false), f.strings(root, "systemProperties", ""),
                f.strings(root, "properties", ""), f.strings(root, "excludeProperties", ""),
                f.bool(root, "bypassWorkspaceAcls", "", false), f.integer(root, "referenceDepth", "", 1),
                f.bool(root, "referenceRepeat", "", false), references(f, root.get("references"))));
    }

    private ImmutableList<ReferenceDefinition> references(YamlFields f, Object value) {
        ImmutableList.Builder<ReferenceDefinition> out = ImmutableList.builder();
        for (Map.Entry<String, Map<String, Object>> e : f.namedEntries(value, "references").entrySet()) {
            String path = e.getKey();
            Map<String, Object> r = e.getValue();
            f.unknownKeys(r, REFERENCE_KEYS, path, "a reference");
            String propertyName = f.string(r, "propertyName", path);
            if (propertyName == null) {
                f.report(Severity.MAJOR, path, "A reference needs a 'propertyName'; ignored");
                continue;
            }
            String resolverPath = path + ".referenceResolver";
            Map<String, Object> resolver = f.map(r.get("referenceResolver"), resolverPath);
            f.unknownKeys(resolver, RESOLVER_KEYS, resolverPath, "a reference resolver");
            String resolverType = Optional.ofNullable(f.string(resolver, "$type", resolverPath))
                    .orElse(f.string(resolver, "class", resolverPath));
            if (resolverType == null || !RESOLVER_TYPES.contains(resolverType)) {
                f.report(Severity.MAJOR, resolverPath, "Reference resolver '" + resolverType
                        + "' is not supported (only jcrReferenceResolver and assetReferenceResolver); reference"
                        + " ignored");
                continue;
            }
            if (resolverType.equals(ReferenceDefinition.ASSET_RESOLVER)
                    || resolverType.equals(ReferenceDefinition.ASSET_RESOLVER_CLASS)) {
                // assets live in the dam workspace (Magnolia's jcr asset provider); no targetWorkspace
                Object renditions = resolver.get("assetRenditions");
                ImmutableList.Builder<String> names = ImmutableList.builder();
                if (renditions instanceof java.util.List<?> list) {
                    list.forEach(n -> names.add(String.valueOf(n)));
                } else if (renditions != null) {
                    f.report(Severity.MAJOR, resolverPath + ".assetRenditions", "assetRenditions is a list of"
                            + " variation names; ignored");
                }
                out.add(new ReferenceDefinition(f.string(r, "name", path), propertyName, resolverType, null,
                        f.bool(resolver, "expand", resolverPath, true), false, -1, names.build(),
                        f.bool(resolver, "includeDownloadLink", resolverPath, true),
                        f.bool(resolver, "includeAssetMetadata", resolverPath, true)));
                continue;
            }
            String target = f.string(resolver, "targetWorkspace", resolverPath);
            if (target == null) {
                f.report(Severity.MAJOR, resolverPath, "A jcrReferenceResolver needs a 'targetWorkspace'; ignored");
                continue;
            }
            out.add(new ReferenceDefinition(f.string(r, "name", path), propertyName, resolverType, target,
                    f.bool(resolver, "expand", resolverPath, true), f.bool(resolver, "generateLink", resolverPath, false),
                    f.integer(resolver, "depthInReferencedNode", resolverPath, -1)));
        }
        return out.build();
    }
}
