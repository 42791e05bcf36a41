package no.sunnekommuner.cms.delivery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Serves the generated OpenAPI description of the delivery endpoints at {@code /.rest/openapi.json}. */
@Path("openapi.json")
public final class OpenApiResource {

    private final OpenApiDocument document;

    public OpenApiResource(OpenApiDocument document) {
        this.document = document;
    }

    @GET
    @Produces(DeliveryResource.JSON)
    public Response get() {
        return Response.ok(document.json(), DeliveryResource.JSON)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
    }
}
