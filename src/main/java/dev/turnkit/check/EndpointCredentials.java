package dev.turnkit.check;

import dev.turnkit.credentials.CredentialsClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Credentials fetched from the turnkit credentials endpoint with a Firebase ID token: the path a real app takes
 * ({@code GET /v1/turn-credentials} with {@code Authorization: Bearer}). One fetch serves every check of a run
 * while it is fresh (more than half of its TTL left), so a scheduled check stays far below the endpoint's
 * per-user rate limit.
 */
final class EndpointCredentials implements CredentialSource {
    private final URI endpoint;
    private final String idToken;
    private final CredentialsClient client;
    private final Clock clock;
    private TurnCredential cached;
    private Instant refreshAt = Instant.MIN;

    EndpointCredentials(URI endpoint, String idToken, Duration timeout, Path caFile, Clock clock) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (!"https".equals(endpoint.getScheme()) && !"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("--credentials-url must be an http(s) URL (got '" + endpoint + "')");
        }
        if (idToken == null || idToken.isBlank()) {
            throw new IllegalArgumentException("the ID token is empty: put a Firebase ID token in --id-token-file");
        }
        this.idToken = idToken.strip();
        this.client = new CredentialsClient(timeout, caFile == null ? null : sslContext(caFile));
        this.clock = clock;
    }

    @Override
    public synchronized TurnCredential obtain() throws CredentialException {
        if (cached != null && clock.instant().isBefore(refreshAt)) {
            return cached;
        }
        try {
            CredentialsClient.Issued issued = client.fetch(endpoint, idToken);
            cached = new TurnCredential(issued.username(), issued.password());
            refreshAt = clock.instant().plusSeconds(Math.max(0, issued.ttl() / 2));
            return cached;
        } catch (CredentialsClient.CredentialsException e) {
            throw new CredentialException("cannot fetch TURN credentials from " + endpoint + ": " + e.getMessage()
                    + (e.status() == 401 ? " (is the ID token expired or for another project?)" : ""), e);
        } catch (IOException e) {
            throw new CredentialException("cannot reach the credentials endpoint " + endpoint + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialException("interrupted while fetching TURN credentials from " + endpoint, e);
        }
    }

    @Override
    public String cause401() {
        return "401 with credentials the endpoint issued: the endpoint and coturn use different secrets "
                + "(check static-auth-secret during a rotation) or their clocks differ";
    }

    @Override
    public String toString() {
        return "credentials endpoint " + endpoint;
    }

    private static SSLContext sslContext(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("--ca-file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--ca-file " + caFile + " is not a readable PEM file: "
                    + e.getMessage(), e);
        }
    }
}
