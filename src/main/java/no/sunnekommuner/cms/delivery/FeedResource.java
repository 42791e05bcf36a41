package no.sunnekommuner.cms.delivery;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import no.sunnekommuner.cms.content.i18n.SiteLocales;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.FeedSettings;
import no.sunnekommuner.cms.definition.DefinitionRegistry;

/** Atom feeds of published items ({@code /.rest/feeds/<endpoint path>?lang=nb|en}, e.g. {@code /.rest/feeds/delivery/news/v1}). */
@Path("feeds")
public final class FeedResource {

    private final DeliveryEndpoints endpoints;
    private final DeliveryService service;
    private final DefinitionRegistry definitions;
    private final SiteLocales locales;
    private final String dateProperty;
    private final String summaryProperty;
    private final String itemUrl;
    private final String baseUrl;

    /**
     * @param baseUrl the server's public base URL ({@code server.baseUrl}): every link of a feed starts with it,
     *                never with the request's {@code Host}, which any client can forge and the feed is cached
     *                publicly
     */
    public FeedResource(DeliveryEndpoints endpoints, DeliveryService service,
            DefinitionRegistry definitions, SiteLocales locales, String dateProperty, String summaryProperty,
            String itemUrl, String baseUrl) {
        this.endpoints = endpoints;
        this.service = service;
        this.definitions = definitions;
        this.locales = locales;
        this.dateProperty = dateProperty;
        this.summaryProperty = summaryProperty;
        this.itemUrl = itemUrl;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @GET
    @Path("{path: .+}")
    @Produces("application/atom+xml;charset=UTF-8")
    public Response feed(@PathParam("path") String path, @Context HttpHeaders headers,
            @Context jakarta.servlet.http.HttpServletRequest request) {
        DeliveryEndpoint endpoint = endpoints.route(path).filter(r -> r.remainder().equals("/"))
                .map(DeliveryEndpoints.Route::endpoint).filter(e -> !e.preview())
                .orElseThrow(() -> DeliveryException.notFound("No feed for '" + QueryParameters.abbreviate(path)
                        + "': name a public delivery endpoint, e.g. delivery/news/v1"));
        // the endpoint's own settings (standalone/content-rules.yaml), else the global ones
        FeedSettings settings = definitions.feed(endpoint.definition().endpointPath());
        String dateProperty = settings.date().orElse(this.dateProperty);
        String summaryProperty = settings.summary().orElse(this.summaryProperty);
        ContentTypeDefinition type = definitions.contentTypeOfWorkspace(endpoint.definition().workspace())
                .orElseThrow(() -> DeliveryException.notFound("No content type behind " + endpoint.path()));
        // a type without the date property still has a feed: undated entries in the endpoint's order
        boolean dated = type.property(dateProperty).isPresent();
        QueryParameters incoming = QueryParameters.parse(request.getQueryString());
        String lang = incoming.first("lang").orElse(null);
        ContentLocale locale = ContentLocale.resolve(lang, headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE),
                locales);
        if (locale.all()) {
            throw DeliveryException.badRequest("A feed is in one language: use lang=" + String.join(" or lang=",
                    locales.languages()));
        }
        String order = settings.order().orElse(dated ? dateProperty + " desc" : null);
        QueryParameters query = QueryParameters.parse("lang=" + locale.language() + "&limit=20" + (order == null ? ""
                : "&orderBy=" + java.net.URLEncoder.encode(order, java.nio.charset.StandardCharsets.UTF_8)));
        DeliveryResponse page = service.get(endpoint, "/", false, query, null);
        String title = definitions.message(locale.language(), "restEndpoints." + endpoint.path().replace("/", "_")
                .replaceFirst("^delivery_", "delivery.") + ".description").orElse("Sunne kommuner – " + type.name());
        try {
            String rest = baseUrl + DeliveryModule.REST_PREFIX + "/";
            byte[] xml = AtomFeed.render(page.body(), type, dateProperty, summaryProperty, title, locale.language(),
                    rest + "feeds/" + endpoint.path() + "?lang=" + locale.language(),
                    itemUrl.isBlank() ? rest + endpoint.path() : itemUrl);
            Response.ResponseBuilder ok = Response.ok(xml, "application/atom+xml;charset=UTF-8")
                    .header(HttpHeaders.CONTENT_LANGUAGE, locale.language())
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
            if (locale.negotiated()) {
                ok.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
            }
            return ok.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
