package no.sunnekommuner.cms.repository;

import java.io.IOException;
import java.nio.file.Path;
import javax.jcr.RepositoryException;
import no.sunnekommuner.cms.content.spi.StoreFailureException;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;

/**
 * Starts the repository and prepares it for the loaded definitions, for the composition root: JCR's checked
 * exceptions stay in this package (a failure is a {@link StoreFailureException}).
 */
public final class RepositorySetup {

    private RepositorySetup() {
    }

    /** Starts (creating if needed) the repository in {@code home}; see {@link JcrRepository#start(Path, RepositoryOptions)}. */
    public static JcrRepository open(Path home, RepositoryOptions options) throws IOException {
        try {
            return JcrRepository.start(home, options);
        } catch (RepositoryException e) {
            throw new StoreFailureException("The repository in " + home + " could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Registers the node types of the content types and creates every workspace they and the endpoints need
     * (drafts, published twins, versions).
     */
    public static void prepare(JcrRepository repository, DefinitionRegistry definitions) {
        try {
            new NodeTypeRegistrar(repository).register(definitions);
            // the media library: Magnolia's DAM node types and workspace, with a published twin like content
            DamNodeTypes.register(repository);
            repository.ensureWorkspace(no.sunnekommuner.cms.content.media.AssetNodes.WORKSPACE);
            repository.ensureWorkspace(Workspaces.published(no.sunnekommuner.cms.content.media.AssetNodes.WORKSPACE));
            repository.ensureWorkspace(Workspaces.VERSIONS);
            for (ContentTypeDefinition type : definitions.contentTypes().values()) {
                repository.ensureWorkspace(type.workspace());
                repository.ensureWorkspace(Workspaces.published(type.workspace()));
            }
            for (DeliveryEndpointDefinition endpoint : definitions.endpoints().values()) {
                // an endpoint may deliver from a workspace no content type declares (Magnolia allows it)
                repository.ensureWorkspace(endpoint.workspace());
                repository.ensureWorkspace(Workspaces.published(endpoint.workspace()));
            }
        } catch (RepositoryException e) {
            throw new StoreFailureException("The repository could not be prepared: " + e.getMessage(), e);
        }
    }
}
