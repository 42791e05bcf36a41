package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;

/** Every endpoint of the loaded light modules and their preview twins, and the routing of a request path. */
public final class DeliveryEndpoints {

    private final ImmutableMap<String, DeliveryEndpoint> byPath;

    public DeliveryEndpoints(Iterable<DeliveryEndpointDefinition> definitions) {
        ImmutableMap.Builder<String, DeliveryEndpoint> b = ImmutableMap.builder();
        for (DeliveryEndpointDefinition d : definitions) {
            b.put(d.endpointPath(), new DeliveryEndpoint(d.endpointPath(), d, false));
            if (d.isDelivery()) {
                String twin = "preview" + d.endpointPath().substring("delivery".length());
                b.put(twin, new DeliveryEndpoint(twin, d, true));
            }
        }
        this.byPath = b.buildKeepingLast();
    }

    public ImmutableList<DeliveryEndpoint> all() {
        return byPath.values().asList();
    }

    public ImmutableList<DeliveryEndpoint> publicEndpoints() {
        return byPath.values().stream().filter(e -> !e.preview()).collect(ImmutableList.toImmutableList());
    }

    /** A request routed to the most specific endpoint whose path is a prefix of the request path. */
    public record Route(DeliveryEndpoint endpoint, String remainder, boolean trailingSlash) {
    }

    /**
     * Routes a decoded path below {@code /.rest/} (e.g. {@code delivery/articles/v2/2024/x}). The longest endpoint
     * path wins, so {@code delivery/articles/v2} is its own endpoint, not node {@code v2} of {@code delivery/articles}.
     */
    public Optional<Route> route(String restPath) {
        List<String> segments = new ArrayList<>();
        for (String s : restPath.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        for (int n = segments.size(); n > 0; n--) {
            DeliveryEndpoint endpoint = byPath.get(String.join("/", segments.subList(0, n)));
            if (endpoint != null) {
                String remainder = "/" + String.join("/", segments.subList(n, segments.size()));
                return Optional.of(new Route(endpoint, remainder, restPath.endsWith("/")));
            }
        }
        return Optional.empty();
    }
}
