package no.sunnekommuner.cms.server;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * HTTP hardening settings of the server: which proxies' forwarded headers are believed, HSTS, and which origins
 * may frame the editor.
 *
 * @param trustedProxies  addresses or ranges ({@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code 10.0.0.1-10.0.0.9}) whose
 *                        {@code Forwarded} / {@code X-Forwarded-*} headers are applied; empty = none (the default)
 * @param hstsMaxAge      {@code Strict-Transport-Security} max-age in seconds on HTTPS requests; 0 = off
 * @param frameAncestors  the editor's CSP {@code frame-ancestors} sources; {@code 'none'} by default
 */
public record HttpSecurity(ImmutableList<String> trustedProxies, long hstsMaxAge, ImmutableList<String> frameAncestors) {

    public HttpSecurity {
        if (hstsMaxAge < 0) {
            throw new ConfigurationException("Setting 'server.hsts' must be 0 (off) or a number of seconds");
        }
        new TrustedProxyCustomizer(trustedProxies); // refuses an invalid address now, not at the first request
        for (String source : frameAncestors) {
            // a source with ';' or ',' would end the directive and let a setting inject another one
            if (!source.matches("'none'|'self'|[A-Za-z][A-Za-z0-9+.-]*:(//[^\\s;,'\"]+)?|\\*?[A-Za-z0-9.*:-]+")) {
                throw new ConfigurationException("Setting 'server.frameAncestors' holds an invalid source '"
                        + source + "': use 'none', 'self' or origins such as https://www.example.org");
            }
        }
    }

    /** No trusted proxies, no HSTS, the editor never framed. */
    public static HttpSecurity defaults() {
        return new HttpSecurity(ImmutableList.of(), 0, ImmutableList.of("'none'"));
    }

    public static HttpSecurity of(Settings settings) {
        List<String> frame = settings.list("server.frameAncestors");
        return new HttpSecurity(settings.list("server.trustedProxies"), settings.longInteger("server.hsts", 0),
                frame.isEmpty() ? ImmutableList.of("'none'") : ImmutableList.copyOf(frame));
    }
}
