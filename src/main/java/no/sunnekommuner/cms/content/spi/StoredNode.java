package no.sunnekommuner.cms.content.spi;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Objects;

/**
 * A node as a {@link NodeReads} hands it out, without its children (ask {@link NodeReads#children}).
 *
 * @param types the primary type, its mixins and every supertype of both: what {@code isNodeType} answers true for
 */
public record StoredNode(String workspace, String name, String path, String identifier, String primaryType,
        ImmutableSet<String> types, ImmutableList<StoredProperty> properties) {

    public StoredNode {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(primaryType, "primaryType");
        types = types == null ? ImmutableSet.of(primaryType) : types;
        properties = properties == null ? ImmutableList.of() : properties;
    }

    public boolean isNodeType(String type) {
        return types.contains(type);
    }
}
