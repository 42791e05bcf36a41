package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.RuleBinding;
import no.sunnekommuner.cms.definition.problem.Problem.Severity;

/**
 * Reads {@code <module>/standalone/content-rules.yaml}, the standalone runtime's own per-type rules. Magnolia 6.2
 * registers definitions only from its known folders ({@code contentTypes}, {@code apps}, {@code restEndpoints} …),
 * so it ignores this folder and the module stays a plain Magnolia module. Today's rules say whether a content
 * type's items may hold what its model does not declare:
 *
 * <pre>
 * contentTypes:
 *   article:
 *     extraProperties: true   # undeclared properties are stored as given (never sanitised: not declared richText)
 *     extraNodes: true        # child nodes that are neither items, folders nor declared sub-models
 * </pre>
 *
 * Both default to false: anything undeclared is refused. A type's {@code rules} bind the runtime's domain rules by
 * name; their parameters name the properties each rule reads (checked against the model at load):
 *
 * <pre>
 *   member:
 *     rules:
 *       - rule: memberNumber          # kommunenummer/fylkesnummer by member type, a known county, unique
 *         numberProperty: number
 *         typeProperty: memberType
 *         municipalityType: kommune   # the type value whose number has 4 digits
 *         countyType: fylkeskommune   # the type value whose number has 2 digits
 *         countyProperty: county      # optional: derived from the first two digits
 *       - rule: altText               # an image needs an alternative text (WCAG 1.1.1)
 *         imageProperty: image
 *         altProperty: alt
 *       - rule: unique                # no two items share the value
 *         property: code
 * </pre>
 */
final class ContentRulesReader {

    static final String FOLDER = "standalone";
    static final String FILE = "content-rules.yaml";

    private static final Set<String> ROOT_KEYS = ImmutableSet.of("contentTypes");
    private static final Set<String> TYPE_KEYS = ImmutableSet.of("extraProperties", "extraNodes", "rules");

    /** The rules this runtime implements: required parameters, then optional ones. */
    private static final Map<String, List<Set<String>>> RULES = ImmutableMap.of(
            "memberNumber", List.of(ImmutableSet.of("numberProperty", "typeProperty", "municipalityType",
                    "countyType"), ImmutableSet.of("countyProperty")),
            "altText", List.of(ImmutableSet.of("imageProperty", "altProperty"), ImmutableSet.of()),
            "unique", List.of(ImmutableSet.of("property"), ImmutableSet.of()));

    private final ProblemReporter problems;

    ContentRulesReader(ProblemReporter problems) {
        this.problems = problems;
    }

    /** Applies the rules of one module's file to the loaded content types (replacing them in the map). */
    void apply(YamlDocument document, Map<String, ContentTypeDefinition> contentTypes) {
        YamlFields f = new YamlFields(document, problems);
        if (!(document.root() instanceof Map<?, ?>)) {
            f.report(Severity.MAJOR, "", "The content rules must be a map with 'contentTypes'; ignored");
            return;
        }
        Map<String, Object> root = f.map(document.root(), "");
        f.unknownKeys(root, ROOT_KEYS, "", "the content rules");
        Map<String, Object> types = f.map(root.get("contentTypes"), "contentTypes");
        for (Map.Entry<String, Object> entry : types.entrySet()) {
            String path = "contentTypes." + entry.getKey();
            ContentTypeDefinition type = contentTypes.get(entry.getKey());
            if (type == null) {
                f.report(Severity.MAJOR, path, "No content type '" + entry.getKey() + "' is loaded; rule ignored");
                continue;
            }
            Map<String, Object> rules = f.map(entry.getValue(), path);
            f.unknownKeys(rules, TYPE_KEYS, path, "the rules of a content type");
            contentTypes.put(type.name(), type.withExtras(f.bool(rules, "extraProperties", path, false),
                    f.bool(rules, "extraNodes", path, false)).withRules(bindings(f, type, rules.get("rules"),
                    path + ".rules")));
        }
    }

    private ImmutableList<RuleBinding> bindings(YamlFields f, ContentTypeDefinition type, Object value, String key) {
        ImmutableList.Builder<RuleBinding> out = ImmutableList.builder();
        if (value == null) {
            return out.build();
        }
        if (!(value instanceof List<?> list)) {
            f.report(Severity.MAJOR, key, "Expected a list of rules, found " + YamlFields.describe(value));
            return out.build();
        }
        for (int i = 0; i < list.size(); i++) {
            String path = YamlDocument.element(key, i);
            Map<String, Object> entry = f.map(list.get(i), path);
            String rule = f.string(entry, "rule", path);
            if (rule == null || !RULES.containsKey(rule)) {
                f.report(Severity.MAJOR, YamlDocument.child(path, "rule"), rule == null ? "A rule needs a 'rule' name"
                        : "Unknown rule '" + rule + "'; ignored" + Suggestions.hint(rule, RULES.keySet()));
                continue;
            }
            Set<String> requiredKeys = RULES.get(rule).get(0);
            Set<String> known = new java.util.HashSet<>(requiredKeys);
            known.addAll(RULES.get(rule).get(1));
            known.add("rule");
            f.unknownKeys(entry, known, path, "the " + rule + " rule");
            ImmutableMap.Builder<String, String> parameters = ImmutableMap.builder();
            boolean complete = true;
            for (String parameter : known) {
                if (parameter.equals("rule")) {
                    continue;
                }
                String text = f.string(entry, parameter, path);
                if (text == null) {
                    if (requiredKeys.contains(parameter)) {
                        f.report(Severity.MAJOR, path, "The " + rule + " rule needs '" + parameter + "'; rule ignored");
                        complete = false;
                    }
                    continue;
                }
                if ((parameter.endsWith("Property") || parameter.equals("property"))
                        && type.property(text).isEmpty()) {
                    f.report(Severity.MAJOR, YamlDocument.child(path, parameter), "Content type '" + type.name()
                            + "' has no property '" + text + "'; rule ignored" + Suggestions.hint(text,
                                    type.properties().stream().map(p -> p.name()).toList()));
                    complete = false;
                }
                parameters.put(parameter, text);
            }
            if (complete) {
                out.add(new RuleBinding(rule, parameters.build()));
            }
        }
        return out.build();
    }
}
