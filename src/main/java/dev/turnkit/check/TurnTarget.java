package dev.turnkit.check;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The TURN server under test: host, ports, TLS verification settings and where credentials come from.
 *
 * @param host DNS name or IP literal
 * @param port TURN port for udp and tcp (3478)
 * @param tlsPort TURN-over-TLS port (5349)
 * @param tlsServerName name the certificate must carry (defaults to {@code host})
 * @param caFile PEM CA certificates to trust instead of the JDK store, or null
 * @param credentials where to get credentials, or null (checks that allocate then report UNKNOWN)
 */
public record TurnTarget(String host, int port, int tlsPort, String tlsServerName, Path caFile,
        CredentialSource credentials) {
    public static final int DEFAULT_PORT = 3478;
    public static final int DEFAULT_TLS_PORT = 5349;

    public TurnTarget {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("server host is empty");
        }
        checkPort("port", port);
        checkPort("TLS port", tlsPort);
        if (tlsServerName == null || tlsServerName.isBlank()) {
            tlsServerName = host;
        }
    }

    private static void checkPort(String what, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(what + " must be 1..65535, got " + value);
        }
    }

    /** {@code host} on the standard ports, no credentials. */
    public static TurnTarget of(String host) {
        return new TurnTarget(host, DEFAULT_PORT, DEFAULT_TLS_PORT, null, null, null);
    }

    public TurnTarget withPort(int value) {
        return new TurnTarget(host, value, tlsPort, tlsServerName, caFile, credentials);
    }

    public TurnTarget withTlsPort(int value) {
        return new TurnTarget(host, port, value, tlsServerName, caFile, credentials);
    }

    public TurnTarget withTlsServerName(String value) {
        return new TurnTarget(host, port, tlsPort, value, caFile, credentials);
    }

    public TurnTarget withCaFile(Path value) {
        return new TurnTarget(host, port, tlsPort, tlsServerName, value, credentials);
    }

    public TurnTarget withCredentials(CredentialSource value) {
        return new TurnTarget(host, port, tlsPort, tlsServerName, caFile, value);
    }

    public Optional<CredentialSource> credentialSource() {
        return Optional.ofNullable(credentials);
    }

    /** The address for {@code transport}, resolved now. */
    InetSocketAddress address(Transport transport) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), transport == Transport.TLS ? tlsPort : port);
    }

    int port(Transport transport) {
        return transport == Transport.TLS ? tlsPort : port;
    }
}
