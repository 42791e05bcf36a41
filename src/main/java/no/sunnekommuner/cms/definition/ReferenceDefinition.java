package no.sunnekommuner.cms.definition;

import java.util.Objects;

/**
 * A reference resolution of a delivery endpoint ({@code references[]} with a {@code jcrReferenceResolver}).
 * Defaults follow REST delivery 2.2.27: expand, no link, whole referenced subtree ({@code -1}).
 */
public record ReferenceDefinition(
        String name,
        String propertyName,
        String resolverType,
        String targetWorkspace,
        boolean expand,
        boolean generateLink,
        int depthInReferencedNode) {

    public ReferenceDefinition {
        Objects.requireNonNull(propertyName, "propertyName");
        name = name == null ? propertyName : name;
    }
}
