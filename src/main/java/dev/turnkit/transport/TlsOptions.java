package dev.turnkit.transport;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to verify a TLS server: the name to expect in its certificate (also sent as SNI unless it is an IP literal),
 * and optionally a PEM file of CA certificates to trust <em>instead of</em> the JDK's default trust store (for a
 * private CA or a self-signed local stack). Hostname verification follows HTTPS rules (RFC 2818 / RFC 6125:
 * SAN DNS names and IP addresses) and is on unless explicitly turned off.
 *
 * @param serverName expected certificate name (DNS name or IP literal)
 * @param caFile PEM CA certificates to trust, or null for the JDK default trust store
 * @param verifyHostname whether the certificate must match {@code serverName}
 */
public record TlsOptions(String serverName, Path caFile, boolean verifyHostname) {

    public TlsOptions {
        Objects.requireNonNull(serverName, "serverName");
    }

    /** Verify chain and hostname against the JDK trust store. */
    public static TlsOptions verifying(String serverName) {
        return new TlsOptions(serverName, null, true);
    }

    public TlsOptions withCaFile(Path file) {
        return new TlsOptions(serverName, file, verifyHostname);
    }

    public TlsOptions withoutHostnameVerification() {
        return new TlsOptions(serverName, caFile, false);
    }
}
