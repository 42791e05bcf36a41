package no.sunnekommuner.cms.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Applies Jetty's {@link ForwardedRequestCustomizer} ({@code Forwarded}, {@code X-Forwarded-Proto/-Host/-For/…})
 * only to requests whose connection comes from a configured proxy. From anyone else those headers are a client's
 * claim and are ignored: otherwise any client could pretend to be on HTTPS or on another host.
 */
final class TrustedProxyCustomizer implements HttpConfiguration.Customizer {

    private final InetAddressSet trusted = new InetAddressSet();
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    TrustedProxyCustomizer(Iterable<String> proxies) {
        for (String proxy : proxies) {
            try {
                trusted.add(proxy);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("Setting 'server.trustedProxies' holds an invalid address '"
                        + proxy + "': use addresses, CIDR ranges (10.0.0.0/8) or from-to ranges");
            }
        }
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress address && address.getAddress() != null
                && trusted.test(address.getAddress())) {
            return forwarded.customize(request, responseHeaders);
        }
        return request;
    }
}
