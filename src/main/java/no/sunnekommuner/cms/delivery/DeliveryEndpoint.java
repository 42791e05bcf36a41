package no.sunnekommuner.cms.delivery;

import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import no.sunnekommuner.cms.repository.Workspaces;

/**
 * A served endpoint: a definition at its URL path, either public (published content only) or its author twin
 * under {@code preview/} (drafts, for signed-in editors), as Magnolia registers twins on author instances.
 */
public record DeliveryEndpoint(String path, DeliveryEndpointDefinition definition, boolean preview) {

    /** The JCR workspace read: the published twin for public endpoints, the drafts for preview. */
    public String readWorkspace() {
        return preview ? definition.workspace() : Workspaces.published(definition.workspace());
    }

    /** The workspace a reference target is read from, with the same public/preview choice. */
    public String readWorkspace(String workspace) {
        return preview ? workspace : Workspaces.published(workspace);
    }
}
