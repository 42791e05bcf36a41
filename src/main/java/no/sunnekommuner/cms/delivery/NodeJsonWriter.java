package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.sunnekommuner.cms.content.i18n.LocalisedNames;
import no.sunnekommuner.cms.content.model.ValueKind;
import no.sunnekommuner.cms.content.spi.NodeReads;
import no.sunnekommuner.cms.content.spi.StoredNode;
import no.sunnekommuner.cms.content.spi.StoredProperty;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.OptionLabels;
import no.sunnekommuner.cms.definition.ReferenceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes stored nodes as Magnolia's delivery JSON (FINDINGS §3, §4, §6): {@code @name}, {@code @path},
 * {@code @id}, {@code @nodeType}, typed property values localised to the response language, rendered child nodes
 * with {@code @nodes}, and references resolved by the endpoint's {@code jcrReferenceResolver}s
 * ({@link #writeReferenced}, the one place a reference becomes a node). Nodes come from the response's
 * {@link NodeReads}, which holds the response to its node budget.
 */
final class NodeJsonWriter {

    private static final Logger LOG = LoggerFactory.getLogger(NodeJsonWriter.class);
    /** Never emitted: identity and type are the {@code @} keys; {@code cms:} is our own bookkeeping. */
    private static final String CMS_PREFIX = "cms:";
    /** The key of an option's label next to its value: {@code memberType} → {@code memberType@label}. */
    static final String LABEL_SUFFIX = "@label";

    private final RenderOptions options;
    private final NodeReads reads;

    NodeJsonWriter(RenderOptions options, NodeReads reads) {
        this(options, reads, AssetReferenceWriter.NONE, null);
    }

    NodeJsonWriter(RenderOptions options, NodeReads reads, AssetReferenceWriter assets, OptionLabels labels) {
        this.options = options;
        this.reads = reads;
        this.assets = assets;
        this.labels = labels;
    }

    private final AssetReferenceWriter assets;
    /** Labels of option values ({@code optionLabels: true}); null = none. */
    private final OptionLabels labels;
    /**
     * The identifiers of the item and the referenced nodes being rendered around the current one: a reference
     * back to one of them is a cycle, written as its identifier unless the endpoint says {@code referenceRepeat}.
     */
    private final Deque<String> referenceChain = new ArrayDeque<>();

    /** Writes an item as delivered by a read or a query (children to the endpoint's depth). */
    void writeItem(JsonGenerator g, StoredNode node, boolean applyPropertySelection) throws IOException {
        DeliveryEndpointDefinition d = options.endpoint().definition();
        referenceChain.push(node.identifier());
        try {
            writeNode(g, node, node.name(), d.depth(), false, applyPropertySelection, referenceLevels(d));
        } finally {
            referenceChain.pop();
        }
    }

    /**
     * Magnolia's {@code referenceDepth}: how many levels of references resolve (1 = the item's own references,
     * 2 = also the references of the nodes they resolve to, with the same endpoint's {@code references}). Magnolia's
     * setter ignores negative values (the default 1 stays); 0 is read as 1, the behaviour before this key was
     * honoured. Deeper levels cost node reads, all within the response's node budget.
     */
    private static int referenceLevels(DeliveryEndpointDefinition d) {
        return Math.max(1, d.referenceDepth());
    }

    /**
     * @param depth         levels of children still to render; -1 = the whole subtree, ignoring childNodeTypes
     * @param allChildren   true inside a referenced node rendered with depthInReferencedNode -1
     * @param refLevels     levels of references still to resolve here (0 = references stay their stored value)
     */
    private void writeNode(JsonGenerator g, StoredNode node, String name, int depth, boolean allChildren,
            boolean applyPropertySelection, int refLevels) throws IOException {
        noteLastModified(node);
        g.writeStartObject();
        g.writeStringField("@name", name);
        g.writeStringField("@path", node.path());
        g.writeStringField("@id", node.identifier());
        g.writeStringField("@nodeType", node.primaryType());

        Map<String, StoredNode> children = depth != 0 ? renderedChildren(node, depth < 0 || allChildren)
                : Map.of();
        for (Map.Entry<String, StoredProperty> e : visibleProperties(node, applyPropertySelection).entrySet()) {
            String key = children.containsKey(e.getKey()) ? "_" + e.getKey() : e.getKey();
            StoredProperty property = e.getValue();
            ReferenceDefinition reference = refLevels > 0 ? referenceFor(e.getKey(), property) : null;
            g.writeFieldName(key);
            if (reference != null) {
                writeReference(g, property, reference, refLevels);
            } else {
                writeValue(g, property);
                writeOptionLabel(g, node, key, e.getKey(), property);
            }
        }
        if (options.linkBase() != null && linkWanted) {
            // set by writeReference for the referenced node being rendered
            g.writeStringField("@link", link(node));
        }
        List<String> names = new ArrayList<>();
        int childDepth = depth < 0 ? -1 : depth - 1;
        for (Map.Entry<String, StoredNode> child : children.entrySet()) {
            names.add(child.getKey());
            g.writeFieldName(child.getKey());
            boolean saved = linkWanted;
            linkWanted = false;
            writeNode(g, child.getValue(), child.getKey(), childDepth, allChildren || depth < 0, false, refLevels);
            linkWanted = saved;
        }
        g.writeArrayFieldStart("@nodes");
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The newest {@code mgnl:lastModified} of the nodes written so far (null: none had one). */
    private Instant newest;

    /** The newest last change of every node this writer wrote: the response's {@code Last-Modified}. */
    Instant lastModified() {
        return newest;
    }

    private void noteLastModified(StoredNode node) {
        for (StoredProperty p : node.properties()) {
            if (p.name().equals(EndpointDefaults.LAST_MODIFIED) && !p.multiple() && p.value() != null) {
                try {
                    Instant changed = OffsetDateTime.parse(p.value()).toInstant();
                    newest = newest == null || changed.isAfter(newest) ? changed : newest;
                } catch (DateTimeParseException malformed) {
                    LOG.debug("Unreadable {} on {}", EndpointDefaults.LAST_MODIFIED, node.path());
                }
                return;
            }
        }
    }

    /** Set while the node being written is a referenced one rendered with generateLink. */
    private boolean linkWanted;

    private String link(StoredNode node) {
        return options.linkBase() + node.path() + ".html";
    }

    /** Child nodes to render, keyed by their (localised) name, in tree order. */
    private Map<String, StoredNode> renderedChildren(StoredNode node, boolean anyType) {
        Map<String, StoredNode> byStoredName = new LinkedHashMap<>();
        for (StoredNode child : reads.children(node)) {
            if (anyType || matchesChildType(child)) {
                byStoredName.put(child.name(), child);
            }
        }
        Map<String, StoredNode> out = new LinkedHashMap<>();
        ContentLocale locale = options.locale();
        if (locale.all()) {
            return byStoredName;
        }
        for (Map.Entry<String, StoredNode> e : byStoredName.entrySet()) {
            String stored = e.getKey();
            String base = baseName(stored);
            if (out.containsKey(base)) {
                continue;
            }
            String chosen = choose(base, byStoredName.keySet(), n -> true);
            if (chosen != null) {
                out.put(base, byStoredName.get(chosen));
            }
        }
        return out;
    }

    private boolean matchesChildType(StoredNode child) {
        return options.endpoint().definition().childNodeTypes().stream().anyMatch(child::isNodeType);
    }

    /** Properties to emit, keyed by their emitted name, localised unless {@code lang=all}. */
    private Map<String, StoredProperty> visibleProperties(StoredNode node, boolean applySelection) {
        DeliveryEndpointDefinition d = options.endpoint().definition();
        Map<String, StoredProperty> stored = new LinkedHashMap<>();
        for (StoredProperty p : node.properties()) {
            if (!isHidden(p.name(), d) || (options.lastModified() && p.name().equals(EndpointDefaults.LAST_MODIFIED))) {
                stored.put(p.name(), p);
            }
        }
        Map<String, StoredProperty> out = new LinkedHashMap<>();
        ContentLocale locale = options.locale();
        for (Map.Entry<String, StoredProperty> e : stored.entrySet()) {
            String name = e.getKey();
            String emitted = name;
            StoredProperty value = e.getValue();
            if (!locale.all()) {
                String base = baseName(name);
                if (out.containsKey(base)) {
                    continue;
                }
                String chosen = choose(base, stored.keySet(), n -> !stored.get(n).isEmptyString());
                if (chosen == null) {
                    continue;
                }
                emitted = base;
                value = stored.get(chosen);
            }
            if (applySelection && !selected(emitted)) {
                continue;
            }
            out.put(emitted, value);
        }
        return out;
    }

    private boolean selected(String name) {
        if (!options.onlyProperties().isEmpty() && !options.onlyProperties().contains(name)) {
            return false;
        }
        return !options.excludedProperties().contains(name);
    }

    /**
     * Picks the stored name holding the value of {@code base} for the response language: {@code base_<lang>} if
     * filled, then (for a non-default language) {@code base_<fallback>}, then {@code base} itself (FINDINGS §4.5).
     */
    private String choose(String base, java.util.Set<String> names, java.util.function.Predicate<String> filled) {
        String language = options.locale().language();
        String own = suffixed(base, language, ownNames);
        if (names.contains(own) && filled.test(own)) {
            return own;
        }
        String fallback = suffixed(base, options.fallbackLanguage(), fallbackNames);
        if (!language.equals(options.fallbackLanguage()) && names.contains(fallback) && filled.test(fallback)) {
            return fallback;
        }
        return names.contains(base) ? base : null;
    }

    private static boolean isHidden(String name, DeliveryEndpointDefinition d) {
        if (name.startsWith(CMS_PREFIX) || name.equals("jcr:primaryType") || name.equals("jcr:uuid")
                || name.equals("jcr:mixinTypes")) {
            return true;
        }
        boolean system = name.startsWith("jcr:") || name.startsWith("mgnl:") || d.systemProperties().contains(name);
        return system && !d.includeSystemProperties();
    }

    private ReferenceDefinition referenceFor(String emittedName, StoredProperty property) {
        for (ReferenceDefinition r : options.endpoint().definition().references()) {
            if (r.propertyName().equals(emittedName) || r.propertyName().equals(property.name())
                    || namePattern(r.propertyName(), emittedName)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Magnolia's propertyName is a regular expression ({@code image|logo|gallery}); a malformed one names itself.
     * Compiled once per response, not once per property of every node (profiled: the largest single cost of
     * rendering a list page).
     */
    private boolean namePattern(String pattern, String name) {
        // the answer per property name, remembered for the response: a matcher per property of every node was a
        // tenth of what rendering a list page allocated (JFR)
        Map<String, Boolean> byName = patternMatches.computeIfAbsent(pattern, p -> new java.util.HashMap<>());
        Boolean matches = byName.get(name);
        if (matches == null) {
            Optional<java.util.regex.Pattern> compiled = patterns.computeIfAbsent(pattern, p -> {
                try {
                    return Optional.of(java.util.regex.Pattern.compile(p));
                } catch (java.util.regex.PatternSyntaxException literal) {
                    return Optional.empty();
                }
            });
            matches = compiled.isPresent() && compiled.get().matcher(name).matches();
            byName.put(name, matches);
        }
        return matches;
    }

    private final Map<String, Optional<java.util.regex.Pattern>> patterns = new java.util.HashMap<>();
    private final Map<String, Map<String, Boolean>> patternMatches = new java.util.HashMap<>();

    /**
     * {@code <key>@label} after the value of a property with options, when the endpoint asks for labels: the
     * option's label in the response language (a list of them for a multiple value); a value that is no option
     * gets no label. Magnolia's keys stay as they are, a client that does not know the key ignores it.
     */
    private void writeOptionLabel(JsonGenerator g, StoredNode node, String key, String property,
            StoredProperty value) throws IOException {
        if (labels == null || !options.optionLabels() || value.kind() != ValueKind.STRING) {
            return;
        }
        String language = options.locale().language();
        String type = node.primaryType();
        if (value.multiple()) {
            List<String> found = new ArrayList<>();
            for (String v : value.values()) {
                labels.label(type, property, v, language).ifPresent(found::add);
            }
            if (!found.isEmpty()) {
                g.writeArrayFieldStart(key + LABEL_SUFFIX);
                for (String l : found) {
                    g.writeString(l);
                }
                g.writeEndArray();
            }
            return;
        }
        Optional<String> label = labels.label(type, property, value.value(), language);
        if (label.isPresent()) {
            g.writeStringField(key + LABEL_SUFFIX, label.get());
        }
    }

    private void writeReference(JsonGenerator g, StoredProperty property, ReferenceDefinition reference,
            int refLevels) throws IOException {
        // resolved under lang=all too (then with stored names), as Magnolia's do: FINDINGS §4.7 said "raw", an
        // independent replay of recorded cases showed them resolved (issue 9, item 9)
        if (property.multiple()) {
            g.writeStartArray();
            for (String id : property.values()) {
                writeReferenced(g, id, reference, refLevels);
            }
            g.writeEndArray();
        } else {
            writeReferenced(g, property.value(), reference, refLevels);
        }
    }

    /**
     * Resolves one reference value as the endpoint's resolver says: the target node rendered (expand), its link
     * (generateLink) or the stored value. Every target read counts against the response's node budget.
     */
    private void writeReferenced(JsonGenerator g, String id, ReferenceDefinition reference, int refLevels)
            throws IOException {
        if (reference.asset()) {
            assets.write(g, id, reference, options.locale().language(), !options.endpoint().preview());
            return;
        }
        Optional<StoredNode> target = id == null ? Optional.empty()
                : reads.nodeById(options.endpoint().readWorkspace(reference.targetWorkspace()), id);
        if (target.isEmpty()) {
            LOG.debug("Could not resolve reference {} in {}", id, reference.targetWorkspace());
            g.writeString(id); // Magnolia keeps the raw UUID of a missing target (FINDINGS §6.3)
            return;
        }
        if (!reference.expand()) {
            if (reference.generateLink() && options.linkBase() != null) {
                g.writeString(link(target.get()));
            } else {
                g.writeString(id);
            }
            return;
        }
        String targetId = target.get().identifier();
        // within the item's own references (level 1) nothing changes: Magnolia's recorded answers resolve them
        if (referenceChain.size() > 1 && referenceChain.contains(targetId)
                && !options.endpoint().definition().referenceRepeat()) {
            g.writeString(id); // a cycle (an item referring back to itself through others): its identifier only
            return;
        }
        boolean saved = linkWanted;
        linkWanted = reference.generateLink();
        int depth = reference.depthInReferencedNode();
        referenceChain.push(targetId);
        try {
            writeNode(g, target.get(), localisedName(target.get()), depth, depth < 0, false, refLevels - 1);
        } finally {
            referenceChain.pop();
        }
        linkWanted = saved;
    }

    private String localisedName(StoredNode node) {
        return options.locale().all() ? node.name() : baseName(node.name());
    }

    /**
     * The name without its locale suffix ({@code title_en} → {@code title}), remembered for the response: every
     * node of a list page has the same names, and working them out again allocated two strings per property.
     */
    private String baseName(String stored) {
        String base = baseNames.get(stored);
        if (base == null) {
            String loc = ContentLocale.localeOfName(stored);
            base = loc == null ? stored : ContentLocale.baseName(stored, loc);
            baseNames.put(stored, base);
        }
        return base;
    }

    /** {@code base_<language>}, remembered for the response as {@link #baseName}. */
    private String suffixed(String base, String language, Map<String, String> memo) {
        String name = memo.get(base);
        if (name == null) {
            name = LocalisedNames.suffixed(base, language);
            memo.put(base, name);
        }
        return name;
    }

    private final Map<String, String> baseNames = new java.util.HashMap<>();
    private final Map<String, String> ownNames = new java.util.HashMap<>();
    private final Map<String, String> fallbackNames = new java.util.HashMap<>();

    static void writeValue(JsonGenerator g, StoredProperty property) throws IOException {
        if (property.multiple()) {
            g.writeStartArray();
            for (String v : property.values()) {
                writeSingle(g, property.kind(), v);
            }
            g.writeEndArray();
        } else {
            writeSingle(g, property.kind(), property.value());
        }
    }

    private static void writeSingle(JsonGenerator g, ValueKind kind, String v) throws IOException {
        switch (kind) {
            case LONG, DOUBLE -> g.writeNumber(v); // as JCR prints them: Long digits, Double.toString
            case DECIMAL -> g.writeNumber(new BigDecimal(v).toPlainString());
            case BOOLEAN -> g.writeBoolean(Boolean.parseBoolean(v));
            case BINARY -> BinaryMarker.write(g, Long.parseLong(v));
            default -> g.writeString(v);
        }
    }
}
