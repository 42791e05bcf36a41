package no.sunnekommuner.cms.repository;

import java.io.StringReader;
import javax.jcr.RepositoryException;
import javax.jcr.nodetype.NodeTypeManager;
import org.apache.jackrabbit.commons.cnd.CndImporter;
import org.apache.jackrabbit.commons.cnd.ParseException;

/**
 * Magnolia DAM's node types: {@code mgnl:asset} (not a {@code mgnl:content}, as in Magnolia) and its
 * {@code jcr:content} child {@code mgnl:resource} (an {@code nt:resource}, so {@code jcr:data} is mandatory and kept
 * in the data store, never in the bundle). Registered once, next to the base types.
 */
public final class DamNodeTypes {

    public static final String ASSET = "mgnl:asset";
    public static final String RESOURCE = "mgnl:resource";

    static final String CND = """
            <mgnl = 'http://www.magnolia.info/jcr/mgnl'>
            [mgnl:resource] > nt:resource
              - * (undefined)
              - * (undefined) multiple
            [mgnl:asset] > nt:hierarchyNode, mix:referenceable, mgnl:created, mgnl:lastModified, mgnl:activatable, mgnl:versionable
              orderable
              - * (undefined)
              - * (undefined) multiple
              + * (nt:base) = nt:unstructured
            """;

    private DamNodeTypes() {
    }

    public static void register(JcrRepository repository) throws RepositoryException {
        repository.withSession("default", session -> {
            NodeTypeManager types = session.getWorkspace().getNodeTypeManager();
            if (!types.hasNodeType(ASSET)) {
                try {
                    CndImporter.registerNodeTypes(new StringReader(CND), session);
                } catch (ParseException | java.io.IOException e) {
                    throw new RepositoryException("Could not register the DAM node types: " + e.getMessage(), e);
                }
            }
            return null;
        });
    }
}
