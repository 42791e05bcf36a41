package no.sunnekommuner.cms.website;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Security headers of the public site: it serves its own stylesheet and no script, so the policy allows nothing
 * else; images come from the CMS only (the media library's renditions, on the delivery API's origin).
 */
final class SiteHeaders extends Handler.Wrapper {

    private final String csp;

    SiteHeaders(Handler handler, java.net.URI apiBase) {
        super(handler);
        this.csp = policy(apiBase);
    }

    /** The policy with the API's origin ({@code scheme://host[:port]}) as the one source of images. */
    static String policy(java.net.URI apiBase) {
        String origin = apiBase.getScheme() + "://" + apiBase.getHost()
                + (apiBase.getPort() < 0 ? "" : ":" + apiBase.getPort());
        return "default-src 'none'; style-src 'self'; img-src " + origin + "; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("Content-Security-Policy", csp);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "strict-origin-when-cross-origin");
        return super.handle(request, response, callback);
    }
}
