package no.sunnekommuner.cms.delivery;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line, without a stack trace, for every client error the REST API answers (4xx): enough to see a
 * misbehaving client in the log without a fuzzer filling it with stacks. Server errors are logged with their
 * stack where they are mapped ({@link DeliveryErrors}).
 */
public final class ClientErrorLog implements ContainerResponseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientErrorLog.class);

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || status >= 500 || !LOG.isWarnEnabled()) {
            return;
        }
        String target = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        LOG.warn("{} /.rest/{} -> {}", request.getMethod(), clean(target.replaceFirst("^.*?/\\.rest/", "")
                + (query == null ? "" : "?" + query)), status);
    }

    private static String clean(String s) {
        String c = s.replaceAll("\\p{Cntrl}", "?"); // a client cannot forge log lines
        return c.length() > 200 ? c.substring(0, 200) + "…" : c;
    }
}
