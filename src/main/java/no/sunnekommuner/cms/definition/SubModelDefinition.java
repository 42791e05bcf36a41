package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableList;
import java.util.Objects;
import java.util.Optional;

/** A sub-model of a content type: a structure stored as a child node (e.g. a contact person). */
public record SubModelDefinition(String name, String nodeType, ImmutableList<PropertyDefinition> properties) {
    public SubModelDefinition {
        Objects.requireNonNull(name, "name");
        properties = properties == null ? ImmutableList.of() : properties;
    }

    /** The JCR node type of the child node: the declared one, else Magnolia's default. */
    public String effectiveNodeType() {
        return nodeType != null ? nodeType : NodeTypeNames.CONTENT_NODE;
    }

    public Optional<PropertyDefinition> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }
}
