package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
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

    private final RenderOptions options;
    private final NodeReads reads;

    NodeJsonWriter(RenderOptions options, NodeReads reads) {
        this(options, reads, AssetReferenceWriter.NONE);
    }

    NodeJsonWriter(RenderOptions options, NodeReads reads, AssetReferenceWriter assets) {
        this.options = options;
        this.reads = reads;
        this.assets = assets;
    }

    private final AssetReferenceWriter assets;

    /** Writes an item as delivered by a read or a query (children to the endpoint's depth). */
    void writeItem(JsonGenerator g, StoredNode node, boolean applyPropertySelection) throws IOException {
        DeliveryEndpointDefinition d = options.endpoint().definition();
        writeNode(g, node, node.name(), d.depth(), false, applyPropertySelection, true);
    }

    /**
     * @param depth         levels of children still to render; -1 = the whole subtree, ignoring childNodeTypes
     * @param allChildren   true inside a referenced node rendered with depthInReferencedNode -1
     * @param resolveRefs   references resolve one level deep (referenceDepth 1): not inside referenced nodes
     */
    private void writeNode(JsonGenerator g, StoredNode node, String name, int depth, boolean allChildren,
            boolean applyPropertySelection, boolean resolveRefs) throws IOException {
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
            ReferenceDefinition reference = resolveRefs ? referenceFor(e.getKey(), property) : null;
            g.writeFieldName(key);
            if (reference != null) {
                writeReference(g, property, reference);
            } else {
                writeValue(g, property);
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
            writeNode(g, child.getValue(), child.getKey(), childDepth, allChildren || depth < 0, false, resolveRefs);
            linkWanted = saved;
        }
        g.writeArrayFieldStart("@nodes");
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeEndObject();
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
            String loc = ContentLocale.localeOfName(stored);
            String base = loc == null ? stored : ContentLocale.baseName(stored, loc);
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
                String loc = ContentLocale.localeOfName(name);
                String base = loc == null ? name : ContentLocale.baseName(name, loc);
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
        String own = LocalisedNames.suffixed(base, language);
        if (names.contains(own) && filled.test(own)) {
            return own;
        }
        String fallback = LocalisedNames.suffixed(base, options.fallbackLanguage());
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
        Optional<java.util.regex.Pattern> compiled = patterns.computeIfAbsent(pattern, p -> {
            try {
                return Optional.of(java.util.regex.Pattern.compile(p));
            } catch (java.util.regex.PatternSyntaxException literal) {
                return Optional.empty();
            }
        });
        return compiled.isPresent() && compiled.get().matcher(name).matches();
    }

    private final Map<String, Optional<java.util.regex.Pattern>> patterns = new java.util.HashMap<>();

    private void writeReference(JsonGenerator g, StoredProperty property, ReferenceDefinition reference)
            throws IOException {
        // resolved under lang=all too (then with stored names), as Magnolia's do: FINDINGS §4.7 said "raw", an
        // independent replay of recorded cases showed them resolved (issue 9, item 9)
        if (property.multiple()) {
            g.writeStartArray();
            for (String id : property.values()) {
                writeReferenced(g, id, reference);
            }
            g.writeEndArray();
        } else {
            writeReferenced(g, property.value(), reference);
        }
    }

    /**
     * Resolves one reference value as the endpoint's resolver says: the target node rendered (expand), its link
     * (generateLink) or the stored value. Every target read counts against the response's node budget.
     */
    private void writeReferenced(JsonGenerator g, String id, ReferenceDefinition reference) throws IOException {
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
        boolean saved = linkWanted;
        linkWanted = reference.generateLink();
        int depth = reference.depthInReferencedNode();
        writeNode(g, target.get(), localisedName(target.get()), depth, depth < 0, false, false);
        linkWanted = saved;
    }

    private String localisedName(StoredNode node) {
        String name = node.name();
        String loc = ContentLocale.localeOfName(name);
        return loc == null || options.locale().all() ? name : ContentLocale.baseName(name, loc);
    }

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
