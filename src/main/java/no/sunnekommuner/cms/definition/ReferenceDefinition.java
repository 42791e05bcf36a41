package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import java.util.Objects;

/**
 * A reference resolution of a delivery endpoint ({@code references[]} with a {@code jcrReferenceResolver} or an
 * {@code assetReferenceResolver}). Defaults follow REST delivery 2.2.27: expand, no link, whole referenced subtree
 * ({@code -1}); for assets (FINDINGS-dam §2) no renditions, the download link and the metadata.
 */
public record ReferenceDefinition(
        String name,
        String propertyName,
        String resolverType,
        String targetWorkspace,
        boolean expand,
        boolean generateLink,
        int depthInReferencedNode,
        ImmutableList<String> assetRenditions,
        boolean includeDownloadLink,
        boolean includeAssetMetadata) {

    /** The {@code $type} of Magnolia's asset resolver (and its class name, accepted too). */
    public static final String ASSET_RESOLVER = "assetReferenceResolver";
    public static final String ASSET_RESOLVER_CLASS =
            "info.magnolia.rest.reference.dam.ConfiguredAssetReferenceResolverDefinition";

    public ReferenceDefinition {
        Objects.requireNonNull(propertyName, "propertyName");
        name = name == null ? propertyName : name;
        assetRenditions = assetRenditions == null ? ImmutableList.of() : assetRenditions;
    }

    /** A {@code jcrReferenceResolver}. */
    public ReferenceDefinition(String name, String propertyName, String resolverType, String targetWorkspace,
            boolean expand, boolean generateLink, int depthInReferencedNode) {
        this(name, propertyName, resolverType, targetWorkspace, expand, generateLink, depthInReferencedNode,
                ImmutableList.of(), true, true);
    }

    /** True for an {@code assetReferenceResolver}: the value is an asset key ({@code jcr:<uuid>}). */
    public boolean asset() {
        return ASSET_RESOLVER.equals(resolverType) || ASSET_RESOLVER_CLASS.equals(resolverType);
    }
}
