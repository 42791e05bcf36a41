package no.sunnekommuner.cms.definition.load;

import com.google.common.collect.ImmutableSet;
import java.util.Map;
import java.util.Set;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
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
 * Both default to false: anything undeclared is refused.
 */
final class ContentRulesReader {

    static final String FOLDER = "standalone";
    static final String FILE = "content-rules.yaml";

    private static final Set<String> ROOT_KEYS = ImmutableSet.of("contentTypes");
    private static final Set<String> TYPE_KEYS = ImmutableSet.of("extraProperties", "extraNodes");

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
                    f.bool(rules, "extraNodes", path, false)));
        }
    }
}
