package dev.turnkit.oci;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.Region;
import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.oracle.bmc.common.RegionalClientBuilder;
import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.http.client.StandardClientProperties;
import com.oracle.bmc.identity.IdentityClient;
import com.oracle.bmc.limits.LimitsClient;
import com.oracle.bmc.monitoring.MonitoringClient;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The SDK clients for one validated {@link OciProfile}, made on first use and closed together. The SDK's own
 * retries and circuit breaker are off: {@link Backoff} retries throttled calls, a bounded number of times, so the
 * request count is ours to state. Every call has a connect and a read timeout.
 */
public final class OciSession implements AutoCloseable {
    /** Connect timeout of every request. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Read timeout of every request. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final OciProfile profile;
    private final String endpoint;
    private final SSLContext ssl;
    private final Backoff backoff;
    private final SimpleAuthenticationDetailsProvider auth;
    private final List<AutoCloseable> open = new ArrayList<>();
    private IdentityClient identity;
    private LimitsClient limits;
    private ComputeClient compute;
    private MonitoringClient monitoring;

    /**
     * @param profile  the validated profile
     * @param endpoint one base URL for every service instead of the region's endpoints (a proxy, a local fake);
     *                 null for the real ones
     * @param ssl      TLS context trusting a private CA; null for the JDK's
     * @param backoff  the retry policy for throttled (429) calls
     */
    public OciSession(OciProfile profile, String endpoint, SSLContext ssl, Backoff backoff) {
        this.profile = profile;
        this.endpoint = endpoint;
        this.ssl = ssl;
        this.backoff = backoff;
        byte[] key = profile.keyPem();
        SimpleAuthenticationDetailsProvider.SimpleAuthenticationDetailsProviderBuilder b =
                SimpleAuthenticationDetailsProvider.builder().tenantId(profile.tenancy()).userId(profile.user())
                        .fingerprint(profile.fingerprint()).privateKeySupplier(() -> new ByteArrayInputStream(key));
        if (endpoint == null) {
            b.region(Region.fromRegionId(profile.region())); // else the provider's region would replace the endpoint
        }
        this.auth = b.build();
    }

    public OciProfile profile() {
        return profile;
    }

    public Backoff backoff() {
        return backoff;
    }

    synchronized IdentityClient identity() {
        if (identity == null) {
            identity = configure(IdentityClient.builder()).build(auth);
            open.add(identity);
        }
        return identity;
    }

    synchronized LimitsClient limits() {
        if (limits == null) {
            limits = configure(LimitsClient.builder()).build(auth);
            open.add(limits);
        }
        return limits;
    }

    synchronized ComputeClient compute() {
        if (compute == null) {
            compute = configure(ComputeClient.builder()).build(auth);
            open.add(compute);
        }
        return compute;
    }

    synchronized MonitoringClient monitoring() {
        if (monitoring == null) {
            monitoring = configure(MonitoringClient.builder()).build(auth);
            open.add(monitoring);
        }
        return monitoring;
    }

    @SuppressWarnings("unchecked")
    private <B extends RegionalClientBuilder<B, ?>> B configure(B builder) {
        ClientConfiguration config = ClientConfiguration.builder()
                .connectionTimeoutMillis((int) CONNECT_TIMEOUT.toMillis())
                .readTimeoutMillis((int) READ_TIMEOUT.toMillis())
                .retryConfiguration(RetryConfiguration.NO_RETRY_CONFIGURATION)
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        // an explicit endpoint replaces the region's; the SDK lets a region set later win, so set only one
        B b = endpoint != null ? (B) builder.configuration(config).endpoint(endpoint)
                : (B) builder.configuration(config).region(Region.fromRegionId(profile.region()));
        if (ssl != null) {
            b = (B) b.additionalClientConfigurator(
                    http -> http.property(StandardClientProperties.SSL_CONTEXT, ssl));
        }
        return b;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a client frees its connection pool; nothing to report
            }
        }
        open.clear();
    }
}
