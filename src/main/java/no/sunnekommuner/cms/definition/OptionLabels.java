package no.sunnekommuner.cms.definition;

import com.google.common.collect.ImmutableMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels of the options of enumerated properties, per language, as the editor shows them: the message
 * {@code <app>.<property>.options.<value>} of the app editing the type, else the option's {@code label} (a
 * message key or a text), else its name. Keyed by the JCR node type of the item or sub-model node holding the
 * property, so a renderer finds them for any node it writes, referenced ones included. Built once from the
 * definitions; no content type is named here.
 */
public final class OptionLabels {

    /** One option of one property of the nodes of one node type. */
    private record Key(String nodeType, String property, String value) {
    }

    private final ImmutableMap<Key, ImmutableMap<String, String>> labels;

    private OptionLabels(ImmutableMap<Key, ImmutableMap<String, String>> labels) {
        this.labels = labels;
    }

    /** @param languages the content languages the labels are wanted in */
    public static OptionLabels of(DefinitionRegistry definitions, Iterable<String> languages) {
        Map<Key, ImmutableMap<String, String>> out = new HashMap<>();
        for (ContentTypeDefinition type : definitions.contentTypes().values()) {
            String app = definitions.apps().values().stream().filter(a -> type.name().equals(a.contentType()))
                    .map(AppDefinition::name).findFirst().orElse(null);
            for (PropertyDefinition p : type.properties()) {
                add(out, definitions, languages, app, type.effectiveNodeType(), p.name(), p);
            }
            for (SubModelDefinition sub : type.subModels()) {
                // a sub-model's property is labelled in the app as <app>.<parent property>.<property>
                String parent = type.properties().stream()
                        .filter(p -> p.type().kind() == PropertyType.Kind.SUB_MODEL
                                && sub.name().equals(p.type().target()))
                        .map(PropertyDefinition::name).findFirst().orElse(sub.name());
                for (PropertyDefinition p : sub.properties()) {
                    add(out, definitions, languages, app, sub.effectiveNodeType(), parent + "." + p.name(), p);
                }
            }
        }
        return new OptionLabels(ImmutableMap.copyOf(out));
    }

    private static void add(Map<Key, ImmutableMap<String, String>> out, DefinitionRegistry definitions,
            Iterable<String> languages, String app, String nodeType, String messagePath, PropertyDefinition p) {
        for (OptionDefinition o : p.options()) {
            ImmutableMap.Builder<String, String> perLanguage = ImmutableMap.builder();
            for (String language : languages) {
                Optional<String> message = app == null ? Optional.empty()
                        : definitions.message(language, app + "." + messagePath + ".options." + o.value());
                perLanguage.put(language, message
                        .or(() -> Optional.ofNullable(o.label()).map(l -> definitions.message(language, l).orElse(l)))
                        .orElse(o.name()));
            }
            out.putIfAbsent(new Key(nodeType, p.name(), o.value()), perLanguage.build());
        }
    }

    /** The label of a stored option value; empty for a value that is not an option (shown as stored). */
    public Optional<String> label(String nodeType, String property, String value, String language) {
        ImmutableMap<String, String> perLanguage = labels.get(new Key(nodeType, property, value));
        return perLanguage == null ? Optional.empty() : Optional.ofNullable(perLanguage.get(language));
    }
}
