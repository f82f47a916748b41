package dev.turnkit.metrics;

import dev.turnkit.credentials.EndpointExtensions;
import dev.turnkit.credentials.EndpointRequest;
import dev.turnkit.credentials.EndpointResponse;
import dev.turnkit.credentials.RequestListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The credentials endpoint's {@code /metrics} (Prometheus text format): requests by route and status code
 * ({@code turnkit_credentials_requests_total{route, code}}: 200, 401, 429, …), a latency histogram
 * ({@code turnkit_credentials_request_duration_seconds{route}}) and the credentials issued
 * ({@code turnkit_credentials_issued_total}). Fed by the endpoint's request listener; scrapes of {@code /metrics}
 * count too, under their own route.
 */
public final class CredentialsMetrics implements RequestListener {
    /** The path it is served on. */
    public static final String PATH = "/metrics";
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("turnkit_credentials_requests_total")
            .help("Requests answered, by route and HTTP status code").labelNames("route", "code").register(registry);
    private final Histogram latency = Histogram.builder().name("turnkit_credentials_request_duration_seconds")
            .help("Time from request to response").labelNames("route").classicOnly()
            .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
            .register(registry);
    private final Counter issued = Counter.builder().name("turnkit_credentials_issued_total")
            .help("TURN credentials issued").register(registry);

    @Override
    public void completed(RequestOutcome outcome) {
        if (outcome.status() == EndpointResponse.NO_RESPONSE) {
            return;
        }
        requests.labelValues(outcome.route(), Integer.toString(outcome.status())).inc();
        latency.labelValues(outcome.route()).observe(outcome.nanos() / 1e9);
        if (outcome.ttl() != null && outcome.status() == 200) {
            issued.inc();
        }
    }

    /** {@code GET /metrics}: the text format; other methods get 405. */
    public EndpointResponse handle(EndpointRequest request) {
        if (!request.method().equals("GET")) {
            return EndpointResponse.error(405, "method_not_allowed", "use GET").header("Allow", "GET");
        }
        return EndpointResponse.json(200, TextFormat.bytes(registry.scrape()))
                .header("Content-Type", TextFormat.CONTENT_TYPE);
    }

    /** {@code extensions} plus this listener and the {@code /metrics} route. */
    public EndpointExtensions addTo(EndpointExtensions extensions) {
        return extensions.withListener(this).withRoute(PATH, this::handle);
    }
}
