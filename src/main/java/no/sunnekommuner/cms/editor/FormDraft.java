package no.sunnekommuner.cms.editor;

import java.util.LinkedHashMap;
import java.util.Map;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.SubModelDefinition;

/**
 * The bean of a {@link ContentForm}'s {@code Binder}: reads stored values from the node the form opened and
 * collects the values written back into a new node, starting from the stored one so that what the form does not
 * show (other children, unknown values, hidden fields) is kept. Keys are stored names; sub-model values are
 * {@code <sub-model property>.<property>}.
 */
final class FormDraft {

    private final ContentNode original;
    private final ContentTypeDefinition type;
    private final ContentNode.Builder node;
    private final Map<String, ContentNode.Builder> children = new LinkedHashMap<>();

    /** @param original the stored node, or null for a new item named {@code name} */
    FormDraft(ContentNode original, ContentTypeDefinition type, String name) {
        this.original = original;
        this.type = type;
        this.node = original == null ? ContentNode.builder(name, type.effectiveNodeType()) : original.toBuilder();
    }

    /** The stored value of a key (null when the form opened a new item or the value is not set). */
    Object stored(String key) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return original == null ? null : original.property(key);
        }
        ContentNode child = original == null ? null : original.children().get(key.substring(0, dot));
        return child == null ? null : child.property(key.substring(dot + 1));
    }

    /** Sets the value of a key in the node being built (null removes it). */
    void set(String key, Object value) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            node.property(key, value);
            return;
        }
        children.computeIfAbsent(key.substring(0, dot), this::childBuilder).property(key.substring(dot + 1), value);
    }

    private ContentNode.Builder childBuilder(String childName) {
        ContentNode existing = original == null ? null : original.children().get(childName);
        if (existing != null) {
            return existing.toBuilder();
        }
        SubModelDefinition sub = type.property(childName).flatMap(p -> type.subModel(p.type().target()))
                .orElseThrow();
        return ContentNode.builder(childName, sub.effectiveNodeType());
    }

    /** The node the written values describe; a sub-model node left without any value is removed. */
    ContentNode build() {
        for (Map.Entry<String, ContentNode.Builder> c : children.entrySet()) {
            ContentNode child = c.getValue().build();
            boolean empty = child.properties().values().stream().allMatch(v -> v == null || Values.isEmpty(v));
            if (empty) {
                node.removeChild(c.getKey());
            } else {
                node.child(child);
            }
        }
        return node.build();
    }
}
