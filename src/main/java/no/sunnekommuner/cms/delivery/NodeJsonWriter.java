package no.sunnekommuner.cms.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.jcr.Binary;
import javax.jcr.ItemNotFoundException;
import javax.jcr.Node;
import javax.jcr.NodeIterator;
import javax.jcr.Property;
import javax.jcr.PropertyIterator;
import javax.jcr.PropertyType;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.Value;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.definition.ReferenceDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes JCR nodes as Magnolia's delivery JSON (FINDINGS §3, §4, §6): {@code @name}, {@code @path}, {@code @id},
 * {@code @nodeType}, typed property values localised to the response language, rendered child nodes with
 * {@code @nodes}, and references resolved by the endpoint's {@code jcrReferenceResolver}s.
 */
final class NodeJsonWriter {

    private static final Logger LOG = LoggerFactory.getLogger(NodeJsonWriter.class);
    /** Never emitted: identity and type are the {@code @} keys; {@code cms:} is our own bookkeeping. */
    private static final String CMS_PREFIX = "cms:";

    private final RenderOptions options;
    private final SessionSource sessions;

    /** Opens (and caches per response) sessions on the workspaces that references point into. */
    interface SessionSource {
        Session session(String workspace) throws RepositoryException;
    }

    NodeJsonWriter(RenderOptions options, SessionSource sessions) {
        this(options, sessions, AssetReferenceWriter.NONE);
    }

    NodeJsonWriter(RenderOptions options, SessionSource sessions, AssetReferenceWriter assets) {
        this.options = options;
        this.sessions = sessions;
        this.assets = assets;
    }

    private final AssetReferenceWriter assets;

    /** Writes an item as delivered by a read or a query (children to the endpoint's depth). */
    void writeItem(JsonGenerator g, Node node, boolean applyPropertySelection) throws IOException, RepositoryException {
        DeliveryEndpointDefinition d = options.endpoint().definition();
        writeNode(g, node, node.getName(), d.depth(), false, applyPropertySelection, true);
    }

    /**
     * @param depth         levels of children still to render; -1 = the whole subtree, ignoring childNodeTypes
     * @param allChildren   true inside a referenced node rendered with depthInReferencedNode -1
     * @param resolveRefs   references resolve one level deep (referenceDepth 1): not inside referenced nodes
     */
    private void writeNode(JsonGenerator g, Node node, String name, int depth, boolean allChildren,
            boolean applyPropertySelection, boolean resolveRefs) throws IOException, RepositoryException {
        g.writeStartObject();
        g.writeStringField("@name", name);
        g.writeStringField("@path", node.getPath());
        g.writeStringField("@id", node.getIdentifier());
        g.writeStringField("@nodeType", node.getPrimaryNodeType().getName());

        Map<String, Node> children = depth != 0 ? renderedChildren(node, depth < 0 || allChildren)
                : Map.of();
        for (Map.Entry<String, Property> e : visibleProperties(node, applyPropertySelection).entrySet()) {
            String key = children.containsKey(e.getKey()) ? "_" + e.getKey() : e.getKey();
            Property property = e.getValue();
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
        for (Map.Entry<String, Node> child : children.entrySet()) {
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

    private String link(Node node) throws RepositoryException {
        return options.linkBase() + node.getPath() + ".html";
    }

    /** Child nodes to render, keyed by their (localised) name, in tree order. */
    private Map<String, Node> renderedChildren(Node node, boolean anyType) throws RepositoryException {
        Map<String, Node> byStoredName = new LinkedHashMap<>();
        for (NodeIterator it = node.getNodes(); it.hasNext(); ) {
            Node child = it.nextNode();
            if (anyType || matchesChildType(child)) {
                byStoredName.put(child.getName(), child);
            }
        }
        Map<String, Node> out = new LinkedHashMap<>();
        ContentLocale locale = options.locale();
        if (locale.all()) {
            return byStoredName;
        }
        for (Map.Entry<String, Node> e : byStoredName.entrySet()) {
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

    private boolean matchesChildType(Node child) throws RepositoryException {
        for (String type : options.endpoint().definition().childNodeTypes()) {
            if (child.isNodeType(type)) {
                return true;
            }
        }
        return false;
    }

    /** Properties to emit, keyed by their emitted name, localised unless {@code lang=all}. */
    private Map<String, Property> visibleProperties(Node node, boolean applySelection) throws RepositoryException {
        DeliveryEndpointDefinition d = options.endpoint().definition();
        Map<String, Property> stored = new LinkedHashMap<>();
        for (PropertyIterator it = node.getProperties(); it.hasNext(); ) {
            Property p = it.nextProperty();
            String name = p.getName();
            if (isHidden(name, d)) {
                continue;
            }
            stored.put(name, p);
        }
        Map<String, Property> out = new LinkedHashMap<>();
        ContentLocale locale = options.locale();
        for (Map.Entry<String, Property> e : stored.entrySet()) {
            String name = e.getKey();
            String emitted = name;
            Property value = e.getValue();
            if (!locale.all()) {
                String loc = ContentLocale.localeOfName(name);
                String base = loc == null ? name : ContentLocale.baseName(name, loc);
                if (out.containsKey(base)) {
                    continue;
                }
                String chosen = choose(base, stored.keySet(), n -> !isEmptyString(stored.get(n)));
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
        String own = no.sunnekommuner.cms.content.i18n.LocalisedNames.suffixed(base, language);
        if (names.contains(own) && filled.test(own)) {
            return own;
        }
        String fallback = no.sunnekommuner.cms.content.i18n.LocalisedNames.suffixed(base,
                options.fallbackLanguage());
        if (!language.equals(options.fallbackLanguage()) && names.contains(fallback) && filled.test(fallback)) {
            return fallback;
        }
        return names.contains(base) ? base : null;
    }

    private static boolean isEmptyString(Property p) {
        try {
            return !p.isMultiple() && p.getType() == PropertyType.STRING && p.getString().isEmpty();
        } catch (RepositoryException e) {
            return false;
        }
    }

    private static boolean isHidden(String name, DeliveryEndpointDefinition d) {
        if (name.startsWith(CMS_PREFIX) || name.equals("jcr:primaryType") || name.equals("jcr:uuid")
                || name.equals("jcr:mixinTypes")) {
            return true;
        }
        boolean system = name.startsWith("jcr:") || name.startsWith("mgnl:") || d.systemProperties().contains(name);
        return system && !d.includeSystemProperties();
    }

    private ReferenceDefinition referenceFor(String emittedName, Property property) throws RepositoryException {
        for (ReferenceDefinition r : options.endpoint().definition().references()) {
            if (r.propertyName().equals(emittedName) || r.propertyName().equals(property.getName())
                    || namePattern(r.propertyName(), emittedName)) {
                return r;
            }
        }
        return null;
    }

    /** Magnolia's propertyName is a regular expression ({@code image|logo|gallery}); a malformed one names itself. */
    private static boolean namePattern(String pattern, String name) {
        try {
            return name.matches(pattern);
        } catch (java.util.regex.PatternSyntaxException literal) {
            return false;
        }
    }

    private void writeReference(JsonGenerator g, Property property, ReferenceDefinition reference)
            throws IOException, RepositoryException {
        if (options.locale().all()) {
            writeValue(g, property); // lang=all leaves references raw (FINDINGS §4.7)
            return;
        }
        if (property.isMultiple()) {
            g.writeStartArray();
            for (Value v : property.getValues()) {
                writeReferenced(g, v.getString(), reference);
            }
            g.writeEndArray();
        } else {
            writeReferenced(g, property.getString(), reference);
        }
    }

    private void writeReferenced(JsonGenerator g, String id, ReferenceDefinition reference)
            throws IOException, RepositoryException {
        if (reference.asset()) {
            assets.write(g, id, reference, options.locale().language(), !options.endpoint().preview());
            return;
        }
        Node target = null;
        try {
            Session session = sessions.session(options.endpoint().readWorkspace(reference.targetWorkspace()));
            target = session == null ? null : session.getNodeByIdentifier(id);
        } catch (ItemNotFoundException | IllegalArgumentException missing) {
            LOG.debug("Could not resolve reference {} in {}", id, reference.targetWorkspace());
        } catch (RepositoryException malformed) {
            LOG.debug("Unreadable reference {}: {}", id, malformed.toString());
        }
        if (target == null) {
            g.writeString(id); // Magnolia keeps the raw UUID of a missing target (FINDINGS §6.3)
            return;
        }
        if (!reference.expand()) {
            if (reference.generateLink() && options.linkBase() != null) {
                g.writeString(link(target));
            } else {
                g.writeString(id);
            }
            return;
        }
        boolean saved = linkWanted;
        linkWanted = reference.generateLink();
        int depth = reference.depthInReferencedNode();
        writeNode(g, target, localisedName(target), depth, depth < 0, false, false);
        linkWanted = saved;
    }

    private String localisedName(Node node) throws RepositoryException {
        String name = node.getName();
        String loc = ContentLocale.localeOfName(name);
        return loc == null || options.locale().all() ? name : ContentLocale.baseName(name, loc);
    }

    static void writeValue(JsonGenerator g, Property property) throws IOException, RepositoryException {
        if (property.isMultiple()) {
            g.writeStartArray();
            for (Value v : property.getValues()) {
                writeSingle(g, v);
            }
            g.writeEndArray();
        } else {
            writeSingle(g, property.getValue());
        }
    }

    private static void writeSingle(JsonGenerator g, Value v) throws IOException, RepositoryException {
        switch (v.getType()) {
            case PropertyType.LONG -> g.writeNumber(v.getLong());
            case PropertyType.DOUBLE -> g.writeNumber(Double.toString(v.getDouble()));
            case PropertyType.DECIMAL -> {
                BigDecimal d = v.getDecimal();
                g.writeNumber(d.toPlainString());
            }
            case PropertyType.BOOLEAN -> g.writeBoolean(v.getBoolean());
            case PropertyType.BINARY -> {
                // Base64, never the bytes as text (Magnolia's way): bytes are not checked or sanitised as text is,
                // and a website inserting a value as HTML must not get markup out of a binary
                Binary binary = v.getBinary();
                try (InputStream in = binary.getStream()) {
                    g.writeString(Base64.getEncoder().encodeToString(in.readAllBytes()));
                } finally {
                    binary.dispose();
                }
            }
            default -> g.writeString(v.getString());
        }
    }
}
