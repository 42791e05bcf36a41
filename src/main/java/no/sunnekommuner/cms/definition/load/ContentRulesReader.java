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
 *       - rule: languageSlug          # the address in other languages (slug_en), unique per folder,
 *         property: slug              # derived from sourceProperty in that language when empty
 *         sourceProperty: title
 *         languages: en
 *     dateFolders:                    # once a folder holds maxItems children, new items made in it go into
 *       property: publishDate         # date folders below it (by this Date property, else today), made as
 *       pattern: yyyy/MM              # needed; the nodes API and imports write exactly where they are told
 *       maxItems: 1000
 * </pre>
 *
 * Delivery endpoints get settings Magnolia's endpoint definition has no key for:
 *
 * <pre>
 * endpoints:
 *   delivery/events/v1:
 *     feed:
 *       dateProperty: startDate     # dates and orders the Atom feed (default: delivery.feed.dateProperty)
 *       summaryProperty: summary    # the entries' summary (default: delivery.feed.summaryProperty)
 *       orderBy: startDate asc      # the feed's order (default: the date property, newest first)
 *     defaultOrderBy: startDate desc # the order of a list without orderBy
 *     lastModified: true            # every item carries mgnl:lastModified
 *     optionLabels: true            # <property>@label next to every option value, in the response language
 * </pre>
 *
 * Apps get editorial settings (publishing through review is a runtime feature, not a Magnolia key):
 *
 * <pre>
 * apps:
 *   news-app:
 *     reviewRequired: true          # its items are published only by a publisher approving a review
 * </pre>
 */
final class ContentRulesReader {

    static final String FOLDER = "standalone";
    static final String FILE = "content-rules.yaml";

    private static final Set<String> ROOT_KEYS = ImmutableSet.of("contentTypes", "endpoints", "apps");
    private static final Set<String> APP_KEYS = ImmutableSet.of("reviewRequired");
    private static final Set<String> ENDPOINT_KEYS = ImmutableSet.of("feed", "defaultOrderBy", "lastModified",
            "optionLabels");
    private static final Set<String> FEED_KEYS = ImmutableSet.of("dateProperty", "summaryProperty", "orderBy");
    private static final Set<String> TYPE_KEYS = ImmutableSet.of("extraProperties", "extraNodes", "rules",
            "dateFolders");
    private static final Set<String> DATE_FOLDER_KEYS = ImmutableSet.of("property", "pattern", "maxItems");
    /** One folder level of a date folder pattern: years, months or days, nothing a name could not hold. */
    private static final java.util.regex.Pattern DATE_SEGMENT = java.util.regex.Pattern.compile(
            "yyyy|yy|MM|M|dd|d");

    /** The rules this runtime implements: required parameters, then optional ones. */
    private static final Map<String, List<Set<String>>> RULES = ImmutableMap.of(
            "memberNumber", List.of(ImmutableSet.of("numberProperty", "typeProperty", "municipalityType",
                    "countyType"), ImmutableSet.of("countyProperty", "unique")),
            "altText", List.of(ImmutableSet.of("imageProperty", "altProperty"), ImmutableSet.of()),
            "unique", List.of(ImmutableSet.of("property"), ImmutableSet.of()),
            "languageSlug", List.of(ImmutableSet.of("property", "sourceProperty", "languages"), ImmutableSet.of()));

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
                    path + ".rules")).withDateFolders(dateFolders(f, type, rules.get("dateFolders"),
                    path + ".dateFolders")));
        }
    }

    /**
     * {@code dateFolders: {property: publishDate, pattern: yyyy/MM, maxItems: 1000}}: new items of a folder that
     * holds maxItems children go into date folders below it (see {@link DateFolders}).
     */
    private no.sunnekommuner.cms.definition.DateFolders dateFolders(YamlFields f, ContentTypeDefinition type,
            Object value, String path) {
        if (value == null) {
            return null;
        }
        Map<String, Object> settings = f.map(value, path);
        f.unknownKeys(settings, DATE_FOLDER_KEYS, path, "dateFolders");
        String property = f.string(settings, "property", path);
        String pattern = f.string(settings, "pattern", path);
        int maxItems = f.integer(settings, "maxItems", path, 1000);
        if (property == null || pattern == null) {
            f.report(Severity.MAJOR, path, "dateFolders needs 'property' and 'pattern'; ignored");
            return null;
        }
        java.util.Optional<no.sunnekommuner.cms.definition.PropertyDefinition> date = type.property(property);
        if (date.isEmpty() || date.get().type().kind() != no.sunnekommuner.cms.definition.PropertyType.Kind.DATE
                || date.get().multiple()) {
            f.report(Severity.MAJOR, YamlDocument.child(path, "property"), "Content type '" + type.name()
                    + "' has no single Date property '" + property + "'; dateFolders ignored" + Suggestions.hint(
                            property, type.properties().stream().map(p -> p.name()).toList()));
            return null;
        }
        ImmutableList<String> segments = ImmutableList.copyOf(pattern.split("/", -1));
        for (String segment : segments) {
            if (!DATE_SEGMENT.matcher(segment).matches()) {
                f.report(Severity.MAJOR, YamlDocument.child(path, "pattern"), "'" + pattern + "' is not a folder"
                        + " pattern such as yyyy/MM (each level one of yyyy, yy, MM, M, dd, d); dateFolders ignored");
                return null;
            }
        }
        if (maxItems < 1) {
            f.report(Severity.MAJOR, YamlDocument.child(path, "maxItems"), "maxItems must be at least 1;"
                    + " dateFolders ignored");
            return null;
        }
        return new no.sunnekommuner.cms.definition.DateFolders(property, segments, maxItems);
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

    /** Reads the {@code endpoints} section, once the endpoints are loaded. */
    void applyEndpoints(YamlDocument document, Map<String, no.sunnekommuner.cms.definition.DeliveryEndpointDefinition>
            endpoints, Map<String, ContentTypeDefinition> contentTypes,
            Map<String, no.sunnekommuner.cms.definition.FeedSettings> feeds,
            Map<String, no.sunnekommuner.cms.definition.EndpointOptions> options) {
        if (!(document.root() instanceof Map<?, ?>)) {
            return; // reported by apply
        }
        YamlFields f = new YamlFields(document, problems);
        Map<String, Object> root = f.map(document.root(), "");
        Map<String, Object> section = f.map(root.get("endpoints"), "endpoints");
        for (Map.Entry<String, Object> entry : section.entrySet()) {
            String path = "endpoints." + entry.getKey();
            no.sunnekommuner.cms.definition.DeliveryEndpointDefinition endpoint = endpoints.get(entry.getKey());
            if (endpoint == null) {
                f.report(Severity.MAJOR, path, "No endpoint '" + entry.getKey() + "' is loaded; ignored"
                        + Suggestions.hint(entry.getKey(), endpoints.keySet()));
                continue;
            }
            ContentTypeDefinition type = contentTypes.values().stream()
                    .filter(t -> t.workspace().equals(endpoint.workspace())).findFirst().orElse(null);
            Map<String, Object> settings = f.map(entry.getValue(), path);
            f.unknownKeys(settings, ENDPOINT_KEYS, path, "the settings of an endpoint");
            Map<String, Object> feed = f.map(settings.get("feed"), path + ".feed");
            f.unknownKeys(feed, FEED_KEYS, path + ".feed", "a feed");
            String date = f.string(feed, "dateProperty", path + ".feed");
            String summary = f.string(feed, "summaryProperty", path + ".feed");
            for (String property : new String[] {date, summary}) {
                if (property != null && type != null && type.property(property).isEmpty()) {
                    f.report(Severity.MAJOR, path + ".feed", "Content type '" + type.name() + "' has no property '"
                            + property + "'" + Suggestions.hint(property, type.properties().stream()
                                    .map(p -> p.name()).toList()));
                }
            }
            feeds.put(entry.getKey(), new no.sunnekommuner.cms.definition.FeedSettings(date, summary,
                    f.string(feed, "orderBy", path + ".feed")));
            String order = f.string(settings, "defaultOrderBy", path);
            String orderProperty = order == null ? null : order.trim().split("\\s+")[0];
            if (orderProperty != null && type != null && !orderProperty.startsWith("@") && !orderProperty.startsWith(
                    "mgnl:") && type.property(orderProperty).isEmpty()) {
                f.report(Severity.MAJOR, path + ".defaultOrderBy", "Content type '" + type.name()
                        + "' has no property '" + orderProperty + "'" + Suggestions.hint(orderProperty,
                                type.properties().stream().map(p -> p.name()).toList()));
                order = null;
            }
            options.put(entry.getKey(), new no.sunnekommuner.cms.definition.EndpointOptions(order,
                    Boolean.TRUE.equals(f.bool(settings, "lastModified", path)),
                    Boolean.TRUE.equals(f.bool(settings, "optionLabels", path))));
        }
    }

    /** Reads the {@code apps} section, once the apps are loaded: which apps require review. */
    void applyApps(YamlDocument document, Map<String, no.sunnekommuner.cms.definition.AppDefinition> apps,
            Set<String> reviewApps) {
        if (!(document.root() instanceof Map<?, ?>)) {
            return; // reported by apply
        }
        YamlFields f = new YamlFields(document, problems);
        Map<String, Object> root = f.map(document.root(), "");
        Map<String, Object> section = f.map(root.get("apps"), "apps");
        for (Map.Entry<String, Object> entry : section.entrySet()) {
            String path = "apps." + entry.getKey();
            if (!apps.containsKey(entry.getKey())) {
                f.report(Severity.MAJOR, path, "No app '" + entry.getKey() + "' is loaded; ignored"
                        + Suggestions.hint(entry.getKey(), apps.keySet()));
                continue;
            }
            Map<String, Object> settings = f.map(entry.getValue(), path);
            f.unknownKeys(settings, APP_KEYS, path, "the settings of an app");
            if (f.bool(settings, "reviewRequired", path, false)) {
                reviewApps.add(entry.getKey());
            }
        }
    }
}
