package no.sunnekommuner.cms.website;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Security headers of the public site: it serves its own stylesheet and no script, so the policy allows nothing
 * else; images may come from any https address because articles name them by URL.
 */
final class SiteHeaders extends Handler.Wrapper {

    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' https: data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    SiteHeaders(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put("Content-Security-Policy", CSP);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "strict-origin-when-cross-origin");
        return super.handle(request, response, callback);
    }
}
