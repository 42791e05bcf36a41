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
     * Starts the repository in {@code home} on a thread of its own, as {@link #open}, and prepares it for the
     * definitions ({@link #prepare}) before any log-in of another thread goes on; returns at once (see
     * {@link JcrRepository#begin}).
     */
    public static JcrRepository begin(Path home, RepositoryOptions options, DefinitionRegistry definitions)
            throws IOException {
        return JcrRepository.begin(home, options, repository -> prepare(repository, definitions));
    }

    /** Waits for a repository of {@link #begin} to have started and been prepared; a failed start is thrown. */
    public static void awaitStarted(JcrRepository repository) {
        try {
            repository.awaitStarted();
        } catch (RepositoryException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreFailureException("The repository in " + repository.home() + " could not start: "
                    + cause.getMessage(), e);
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
            for (String workspace : workspaces(definitions)) {
                repository.ensureWorkspace(workspace);
            }
        } catch (RepositoryException e) {
            throw new StoreFailureException("The repository could not be prepared: " + e.getMessage(), e);
        }
    }

    /**
     * Opens every workspace of {@link #prepare} once (those open already cost nothing). Jackrabbit opens a
     * workspace's database and search index at its first login, 100-300 ms each: done here after start-up, the
     * first request to a workspace does not wait for it.
     */
    public static void openWorkspaces(JcrRepository repository, DefinitionRegistry definitions) {
        try {
            for (String workspace : workspaces(definitions)) {
                repository.withSession(workspace, s -> null);
            }
        } catch (RepositoryException e) {
            throw new StoreFailureException("The repository could not open its workspaces: " + e.getMessage(), e);
        }
    }

    /** The workspaces the definitions need: drafts, published twins, versions, the media library. */
    private static java.util.Set<String> workspaces(DefinitionRegistry definitions) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        names.add(no.sunnekommuner.cms.content.media.AssetNodes.WORKSPACE);
        names.add(Workspaces.published(no.sunnekommuner.cms.content.media.AssetNodes.WORKSPACE));
        names.add(Workspaces.VERSIONS);
        for (ContentTypeDefinition type : definitions.contentTypes().values()) {
            names.add(type.workspace());
            names.add(Workspaces.published(type.workspace()));
        }
        for (DeliveryEndpointDefinition endpoint : definitions.endpoints().values()) {
            // an endpoint may deliver from a workspace no content type declares (Magnolia allows it)
            names.add(endpoint.workspace());
            names.add(Workspaces.published(endpoint.workspace()));
        }
        return names;
    }
}
