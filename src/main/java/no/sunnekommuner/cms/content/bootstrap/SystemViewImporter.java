package no.sunnekommuner.cms.content.bootstrap;

import com.google.common.collect.ImmutableList;
import com.google.common.io.ByteSource;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import no.sunnekommuner.cms.content.ContentException;
import no.sunnekommuner.cms.content.Actor;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.Permission;
import no.sunnekommuner.cms.content.model.ContentItem;
import no.sunnekommuner.cms.content.model.ContentNode;
import no.sunnekommuner.cms.content.model.Values;
import no.sunnekommuner.cms.definition.NodeTypeNames;

/**
 * Imports JCR system-view XML (Magnolia's bootstrap and export format, {@code sv:node} / {@code sv:property}) through
 * the content service: the root node with its sub-nodes is created below a parent, keeping {@code jcr:uuid}.
 * Magnolia's bookkeeping ({@code jcr:*}, {@code mgnl:*} other than the type and identifier) is set by our store.
 */
public final class SystemViewImporter {

    private static final String SV = "http://www.jcp.org/jcr/sv/1.0";

    private final ContentService content;
    private final ImportLimits limits;

    public SystemViewImporter(ContentService content, ImportLimits limits) {
        this.content = content;
        this.limits = limits;
    }

    /**
     * Imports the file's root node below {@code parentPath}; returns the created item. The file is read as a stream
     * and refused as soon as it goes past the depth or node-count limit; the whole tree is validated before the
     * first node is written, then written in batches (see {@link ContentService#importTree}).
     */
    public ContentItem importXml(String workspace, String parentPath, InputStream xml, Actor actor) {
        // asked before the body is parsed: a refused actor costs no parsing
        content.access().require(actor, Permission.CREATE, workspace);
        ContentNode root = parse(xml, limits);
        return content.importTree(workspace, parentPath, root, actor, limits.batchNodes());
    }

    /** The runtime's own import (bootstrap, command line), as {@link Actor#system}. */
    public ContentItem importXml(String workspace, String parentPath, InputStream xml, String systemUser) {
        return importXml(workspace, parentPath, xml, Actor.system(systemUser));
    }

    /** Parses a system view document with the default limits. */
    public static ContentNode parse(InputStream xml) {
        return parse(xml, ImportLimits.DEFAULTS);
    }

    /**
     * Parses a system view document into a node tree with StAX (XXE-safe: no DTDs, no external entities), counting
     * nesting and nodes as it reads.
     *
     * @throws ImportLimitException at the first node past {@code limits.maxDepth()} or {@code limits.maxNodes()}
     */
    public static ContentNode parse(InputStream xml, ImportLimits limits) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Deque<NodeBuilder> stack = new ArrayDeque<>();
        ContentNode root = null;
        PropertyBuilder property = null;
        StringBuilder text = null;
        int nodes = 0;
        try {
            XMLStreamReader r = factory.createXMLStreamReader(xml, "UTF-8");
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!SV.equals(r.getNamespaceURI())) {
                        throw new ContentException("Not a JCR system view: element " + r.getName());
                    }
                    switch (r.getLocalName()) {
                        case "node" -> {
                            if (++nodes > limits.maxNodes()) {
                                throw new ImportLimitException(ImportLimitException.Kind.TOO_MANY_NODES,
                                        "The system view holds more than " + limits.maxNodes() + " nodes (setting "
                                                + "import.maxNodes); import it in parts");
                            }
                            if (stack.size() >= limits.maxDepth()) {
                                throw new ImportLimitException(ImportLimitException.Kind.TOO_DEEP,
                                        "The system view nests sv:node deeper than " + limits.maxDepth()
                                                + " levels (setting import.maxDepth), at line "
                                                + r.getLocation().getLineNumber());
                            }
                            stack.push(new NodeBuilder(attribute(r, "name")));
                        }
                        case "property" -> {
                            if (stack.isEmpty()) {
                                throw new ContentException("sv:property outside sv:node");
                            }
                            property = new PropertyBuilder(attribute(r, "name"), attribute(r, "type"),
                                    "true".equals(r.getAttributeValue(SV, "multiple")));
                        }
                        case "value" -> text = new StringBuilder();
                        default -> throw new ContentException("Unknown system view element sv:" + r.getLocalName());
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    if (text != null) {
                        text.append(r.getText());
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "value" -> {
                            if (property == null || text == null) {
                                throw new ContentException("sv:value outside sv:property");
                            }
                            property.values.add(text.toString());
                            text = null;
                        }
                        case "property" -> {
                            stack.peek().properties.add(property);
                            property = null;
                        }
                        case "node" -> {
                            ContentNode built = stack.pop().build();
                            if (stack.isEmpty()) {
                                root = built;
                            } else {
                                stack.peek().children.add(built);
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new ContentException("Malformed system view XML: " + e.getMessage());
        }
        if (root == null) {
            throw new ContentException("The system view holds no sv:node");
        }
        return root;
    }

    private static String attribute(XMLStreamReader r, String name) {
        String value = r.getAttributeValue(SV, name);
        if (value == null || value.isEmpty()) {
            throw new ContentException("Missing sv:" + name + " on sv:" + r.getLocalName());
        }
        return value;
    }

    private static final class PropertyBuilder {
        final String name;
        final String type;
        final boolean multiple;
        final List<String> values = new ArrayList<>();

        PropertyBuilder(String name, String type, boolean multiple) {
            this.name = name;
            this.type = type;
            this.multiple = multiple;
        }

        Object value() {
            List<Object> converted = new ArrayList<>();
            for (String v : values) {
                converted.add(convert(type, v, name));
            }
            if (multiple) {
                return ImmutableList.copyOf(converted);
            }
            if (converted.size() != 1) {
                throw new ContentException("Property " + name + " needs exactly one value");
            }
            return converted.get(0);
        }
    }

    /** Converts a value given as text with a JCR type name (as system view and the nodes API write them). */
    public static Object convert(String type, String v, String name) {
        try {
            return switch (type) {
                case "String", "Name", "Path", "Reference", "WeakReference", "URI" -> v;
                case "Boolean" -> Boolean.parseBoolean(v.trim());
                case "Long" -> Long.parseLong(v.trim());
                case "Double" -> Double.parseDouble(v.trim());
                case "Decimal" -> new BigDecimal(v.trim());
                case "Date" -> Values.parseDate(v.trim());
                case "Binary" -> ByteSource.wrap(Base64.getMimeDecoder().decode(v));
                default -> throw new ContentException("Unsupported property type '" + type + "' of " + name);
            };
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new ContentException("Value '" + (v.length() > 60 ? v.substring(0, 60) + "…" : v)
                    + "' of property " + name + " is not a valid " + type);
        }
    }

    private static final class NodeBuilder {
        final String name;
        final List<PropertyBuilder> properties = new ArrayList<>();
        final List<ContentNode> children = new ArrayList<>();

        NodeBuilder(String name) {
            this.name = name;
        }

        ContentNode build() {
            String type = NodeTypeNames.CONTENT_NODE;
            String uuid = null;
            for (PropertyBuilder p : properties) {
                if (p.name.equals("jcr:primaryType") && !p.values.isEmpty()) {
                    type = p.values.get(0);
                } else if (p.name.equals("jcr:uuid") && !p.values.isEmpty()) {
                    uuid = p.values.get(0);
                }
            }
            ContentNode.Builder b = ContentNode.builder(name, type).identifier(uuid);
            for (PropertyBuilder p : properties) {
                // repository bookkeeping (JCR's, Magnolia's, and the cms: revision and status of our own exports)
                // is assigned anew by the store, never taken from a file; a resource's jcr:data and jcr:mimeType
                // (a DAM asset's binary, base64 in Magnolia's export) are content
                if (!NodeTypeNames.isBookkeeping(p.name)) {
                    b.property(p.name, p.value());
                }
            }
            children.forEach(b::child);
            return b.build();
        }
    }

}
