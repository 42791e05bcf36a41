package no.sunnekommuner.cms.content.model;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The content of one JCR node as the CMS sees it: its name, primary type, typed properties (stored names such as
 * {@code title} and {@code title_en}) and child nodes (sub-models such as a contact person), in order.
 * Values are {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@link java.math.BigDecimal},
 * {@link java.time.OffsetDateTime}, {@link com.google.common.io.ByteSource} or an
 * {@link com.google.common.collect.ImmutableList} of those for multi-valued properties.
 *
 * @param identifier the JCR identifier; null on a node not stored yet (then one is generated), or a fixed UUID
 *                   chosen by an import so that references to it hold
 */
public record ContentNode(
        String name,
        String nodeType,
        String identifier,
        ImmutableMap<String, Object> properties,
        ImmutableMap<String, ContentNode> children) {

    public ContentNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeType, "nodeType");
        properties = properties == null ? ImmutableMap.of() : properties;
        children = children == null ? ImmutableMap.of() : children;
        properties.forEach(Values::requireSupported);
    }

    public static Builder builder(String name, String nodeType) {
        return new Builder(name, nodeType);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, nodeType).identifier(identifier);
        b.properties.putAll(properties);
        b.children.putAll(children);
        return b;
    }

    public Object property(String propertyName) {
        return properties.get(propertyName);
    }

    /** A property as text (first value of a multi-value), or null. */
    public String text(String propertyName) {
        return Values.asText(properties.get(propertyName));
    }

    /** Mutable builder; {@link #build()} makes the immutable node. */
    public static final class Builder {
        private final String name;
        private final String nodeType;
        private String identifier;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private final Map<String, ContentNode> children = new LinkedHashMap<>();

        private Builder(String name, String nodeType) {
            this.name = name;
            this.nodeType = nodeType;
        }

        public Builder identifier(String value) {
            this.identifier = value;
            return this;
        }

        /** Sets a property; a null value removes it. */
        public Builder property(String propertyName, Object value) {
            if (value == null) {
                properties.remove(propertyName);
            } else {
                properties.put(propertyName, Values.normalize(value));
            }
            return this;
        }

        public Builder properties(Map<String, ?> values) {
            values.forEach(this::property);
            return this;
        }

        public Builder child(ContentNode child) {
            children.put(child.name(), child);
            return this;
        }

        public Builder removeChild(String childName) {
            children.remove(childName);
            return this;
        }

        public ContentNode build() {
            return new ContentNode(name, nodeType, identifier, ImmutableMap.copyOf(properties),
                    ImmutableMap.copyOf(children));
        }
    }
}
