package no.sunnekommuner.cms.repository;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.jcr.NamespaceException;
import javax.jcr.NamespaceRegistry;
import javax.jcr.RepositoryException;
import javax.jcr.Session;
import javax.jcr.nodetype.NodeTypeManager;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.NodeTypeNames;
import no.sunnekommuner.cms.definition.SubModelDefinition;
import org.apache.jackrabbit.commons.cnd.CndImporter;
import org.apache.jackrabbit.commons.cnd.ParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Magnolia's base node types and mixins, then the namespaces and node types the content types declare,
 * following Magnolia's conventions: an item type extends {@code mgnl:content}, a sub-model type
 * {@code mgnl:contentNode}; without {@code model.nodeType} nothing is registered.
 */
public final class NodeTypeRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(NodeTypeRegistrar.class);

    /** Our own namespace for bookkeeping properties (revision, publication state) that delivery never shows. */
    public static final String CMS_PREFIX = "cms";
    public static final String CMS_URI = "https://sunnekommuner.no/jcr/cms/1.0";

    private static final String RESIDUALS = """
              - * (undefined) multiple
              - * (undefined)
            """;

    static final String BASE_CND = "<mgnl = '" + NodeTypeNames.MGNL_URI + "'>\n"
            + "<" + CMS_PREFIX + " = '" + CMS_URI + "'>\n"
            + """
            [mgnl:created] mixin
              - mgnl:created (date)
              - mgnl:createdBy (string)
            [mgnl:lastModified] mixin
              - mgnl:lastModified (date)
              - mgnl:lastModifiedBy (string)
            [mgnl:activatable] mixin
              - mgnl:activationStatus (boolean)
              - mgnl:lastActivated (date)
              - mgnl:lastActivatedBy (string)
              - mgnl:lastActivatedVersion (string)
            [mgnl:renderable] mixin
              - mgnl:template (string)
            [mgnl:versionable] mixin
              - mgnl:comment (string)
            [mgnl:content] > nt:hierarchyNode, mix:referenceable, mgnl:created, mgnl:lastModified, mgnl:activatable, mgnl:renderable, mgnl:versionable
              orderable
            """ + RESIDUALS + """
              + * (nt:base) = mgnl:contentNode
            [mgnl:contentNode] > nt:hierarchyNode, mix:referenceable, mgnl:created, mgnl:lastModified, mgnl:activatable, mgnl:renderable
              orderable
            """ + RESIDUALS + """
              + * (nt:base) = mgnl:contentNode
            [mgnl:folder] > nt:hierarchyNode, mix:referenceable, mgnl:created, mgnl:lastModified, mgnl:activatable
              orderable
            """ + RESIDUALS + """
              + * (nt:base) = mgnl:folder
            """;

    private final JcrRepository repository;

    public NodeTypeRegistrar(JcrRepository repository) {
        this.repository = repository;
    }

    /** Registers everything the definitions need; existing registrations are kept as they are. */
    public void register(DefinitionRegistry definitions) throws RepositoryException {
        repository.withSession("default", session -> {
            NodeTypeManager types = session.getWorkspace().getNodeTypeManager();
            if (!types.hasNodeType(NodeTypeNames.CONTENT)) {
                registerCnd(session, BASE_CND);
                LOG.info("Registered Magnolia base node types");
            }
            for (ContentTypeDefinition type : definitions.contentTypes().values()) {
                registerNamespaces(session, type.namespaces());
                List<String> cnd = new ArrayList<>();
                if (type.nodeType() != null && !types.hasNodeType(type.nodeType())) {
                    cnd.add("[" + type.nodeType() + "] > " + NodeTypeNames.CONTENT + "\n  orderable\n");
                }
                for (SubModelDefinition subModel : type.subModels()) {
                    if (subModel.nodeType() != null && !types.hasNodeType(subModel.nodeType())
                            && cnd.stream().noneMatch(c -> c.startsWith("[" + subModel.nodeType() + "]"))) {
                        cnd.add("[" + subModel.nodeType() + "] > " + NodeTypeNames.CONTENT_NODE + "\n  orderable\n");
                    }
                }
                if (!cnd.isEmpty()) {
                    LOG.info("Registering node types {} for workspace '{}'", cnd.stream().map(c -> c.substring(1,
                            c.indexOf(']'))).toList(), type.workspace());
                    registerCnd(session, String.join("", cnd));
                }
            }
            return null;
        });
    }

    private static void registerNamespaces(Session session, Map<String, String> namespaces)
            throws RepositoryException {
        NamespaceRegistry registry = session.getWorkspace().getNamespaceRegistry();
        for (Map.Entry<String, String> ns : namespaces.entrySet()) {
            try {
                String existing = registry.getURI(ns.getKey());
                if (!existing.equals(ns.getValue())) {
                    LOG.warn("Namespace prefix '{}' is already bound to {}; keeping it (declared: {})",
                            ns.getKey(), existing, ns.getValue());
                }
            } catch (NamespaceException unknown) {
                registry.registerNamespace(ns.getKey(), ns.getValue());
            }
        }
    }

    private static void registerCnd(Session session, String cnd) throws RepositoryException {
        try {
            CndImporter.registerNodeTypes(new StringReader(cnd), session);
        } catch (ParseException | java.io.IOException e) {
            throw new RepositoryException("Could not register node types: " + e.getMessage() + "\n" + cnd, e);
        }
    }
}
