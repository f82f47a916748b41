package dev.turnkit.credentials;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a caller adds to the credentials endpoint besides its own routes: listeners told about every completed
 * request (e.g. metrics) and extra exact-path routes (e.g. {@code /metrics}). Immutable; {@code with...} returns a
 * copy.
 *
 * @param listeners told about every completed request, after the access log
 * @param routes extra routes by exact path; they cannot replace the endpoint's own paths
 */
public record EndpointExtensions(List<RequestListener> listeners, Map<String, Route> routes) {

    public EndpointExtensions {
        listeners = List.copyOf(listeners);
        routes = Map.copyOf(routes);
        for (String path : routes.keySet()) {
            if (!path.startsWith("/") || CredentialsHandler.ownPath(path)) {
                throw new IllegalArgumentException("route " + path + " must be an absolute path other than "
                        + CredentialsServer.CREDENTIALS_PATH + " and " + CredentialsServer.HEALTH_PATH);
            }
        }
    }

    /** No listener, no extra route. */
    public static EndpointExtensions none() {
        return new EndpointExtensions(List.of(), Map.of());
    }

    public EndpointExtensions withListener(RequestListener listener) {
        List<RequestListener> l = new ArrayList<>(listeners);
        l.add(listener);
        return new EndpointExtensions(l, routes);
    }

    public EndpointExtensions withRoute(String path, Route route) {
        Map<String, Route> r = new LinkedHashMap<>(routes);
        r.put(path, route);
        return new EndpointExtensions(listeners, r);
    }
}
