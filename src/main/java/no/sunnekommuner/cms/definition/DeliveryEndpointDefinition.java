package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code jcrDeliveryEndpoint_v2} definition ({@code restEndpoints/**.yaml}). Defaults are those of
 * REST delivery 2.2.27 as recorded from Magnolia 6.2.45.
 *
 * @param endpointPath the URL path below {@code /.rest/}: the file path below {@code restEndpoints/} without
 *                     {@code .yaml}, underscores turned into slashes, unless {@code endpointPath} is set
 */
public record DeliveryEndpointDefinition(
        String endpointPath,
        String module,
        Path source,
        String workspace,
        String rootPath,
        ImmutableList<String> nodeTypes,
        ImmutableList<String> childNodeTypes,
        boolean strict,
        int depth,
        int limit,
        int maxLimit,
        boolean includeSystemProperties,
        ImmutableList<String> systemProperties,
        ImmutableList<String> properties,
        ImmutableList<String> excludeProperties,
        boolean bypassWorkspaceAcls,
        int referenceDepth,
        boolean referenceRepeat,
        ImmutableList<ReferenceDefinition> references) {

    public static final ImmutableList<String> DEFAULT_NODE_TYPES = ImmutableList.of(NodeTypeNames.CONTENT);
    public static final ImmutableList<String> DEFAULT_CHILD_NODE_TYPES = ImmutableList.of(NodeTypeNames.CONTENT_NODE);
    public static final int DEFAULT_LIMIT = 10;
    public static final int DEFAULT_MAX_LIMIT = 1000;

    public DeliveryEndpointDefinition {
        Objects.requireNonNull(endpointPath, "endpointPath");
        Objects.requireNonNull(workspace, "workspace");
        rootPath = rootPath == null || rootPath.isEmpty() ? "/" : rootPath;
        nodeTypes = nodeTypes == null ? DEFAULT_NODE_TYPES : nodeTypes;
        childNodeTypes = childNodeTypes == null ? DEFAULT_CHILD_NODE_TYPES : childNodeTypes;
        systemProperties = systemProperties == null ? ImmutableList.of() : systemProperties;
        properties = properties == null ? ImmutableList.of() : properties;
        excludeProperties = excludeProperties == null ? ImmutableList.of() : excludeProperties;
        references = references == null ? ImmutableList.of() : references;
    }

    /** True when the endpoint is public delivery (and so gets a {@code preview/} twin for drafts). */
    public boolean isDelivery() {
        return endpointPath.equals("delivery") || endpointPath.startsWith("delivery/");
    }
}
