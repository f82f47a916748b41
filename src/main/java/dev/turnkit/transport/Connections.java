package dev.turnkit.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Opens {@link StunConnection}s. Every step (connect, TLS handshake) is bounded by the caller's deadline. */
public final class Connections {
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Connections() {
    }

    /**
     * Opens a connection of {@code type} to {@code remote}.
     *
     * @param tls required for {@link TransportType#TLS}, ignored otherwise
     * @throws ConnectionRefusedException nothing listens (TCP RST; UDP reports ICMP later, on first use)
     * @throws TransportTimeoutException the connect or handshake did not finish before the deadline
     * @throws TlsHandshakeException the server's certificate was refused or the handshake failed
     */
    public static StunConnection open(TransportType type, InetSocketAddress remote, TlsOptions tls, Deadline deadline)
            throws TransportException {
        return switch (type) {
            case UDP -> UdpConnection.open(remote);
            case TCP -> tcp(remote, deadline);
            case TLS -> tls(remote, tls, deadline);
        };
    }

    private static StreamConnection tcp(InetSocketAddress remote, Deadline deadline) throws TransportException {
        Socket socket = connect(remote, deadline, TransportType.TCP);
        try {
            return new StreamConnection(TransportType.TCP, socket, remote);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TransportException("tcp " + describe(remote) + ": " + e.getMessage(), e);
        }
    }

    /** Opens a TLS connection and completes the handshake with chain and (by default) hostname verification. */
    public static TlsConnection tls(InetSocketAddress remote, TlsOptions options, Deadline deadline)
            throws TransportException {
        if (options == null) {
            throw new IllegalArgumentException("TLS needs TlsOptions (the expected server name)");
        }
        TrustStores.Trust trust = TrustStores.trust(options.caFile());
        Socket plain = connect(remote, deadline, TransportType.TLS);
        SSLSocket ssl = null;
        try {
            ssl = (SSLSocket) trust.context().getSocketFactory().createSocket(plain, options.serverName(), remote.getPort(),
                    true);
            ssl.setSSLParameters(verifying(ssl.getSSLParameters(), options));
            ssl.setSoTimeout(deadline.remainingMillisForSocket());
            ssl.startHandshake();
            return new TlsConnection(ssl, remote, trust.recording().presented(ssl));
        } catch (TransportTimeoutException e) {
            closeQuietly(ssl == null ? plain : ssl);
            throw e;
        } catch (SocketTimeoutException e) {
            closeQuietly(ssl == null ? plain : ssl);
            throw new TransportTimeoutException("tls handshake with " + describe(remote) + " timed out");
        } catch (SSLException e) {
            closeQuietly(ssl == null ? plain : ssl);
            throw handshakeFailure(remote, options, e, ssl == null ? List.of() : trust.recording().presented(ssl));
        } catch (IOException e) {
            closeQuietly(ssl == null ? plain : ssl);
            throw new TransportException("tls " + describe(remote) + ": " + e.getMessage(), e);
        }
    }

    /** Makes client {@link SSLEngine}s that share one context (see {@link #tlsEngines}). */
    @FunctionalInterface
    public interface TlsEngines {
        /** A client engine for a connection to {@code remote}. */
        SSLEngine engine(InetSocketAddress remote);
    }

    /**
     * Client {@link SSLEngine}s for non-blocking connections, verifying exactly as {@link #tls} does: the chain
     * against {@link TlsOptions#caFile()} (or the JDK store), the name (unless turned off), SNI. The caller drives
     * the handshake and reports its failure with {@link #handshakeFailure}.
     *
     * <p>Unlike {@link #tls}, whose every connection is verified afresh (a health check must see the certificate),
     * the engines share one context and so one session cache: a connection after the first to the same server may
     * resume a session that was verified in full (RFC 5246 §7.3, RFC 8446 §2.2), as a browser's connections do.
     */
    public static TlsEngines tlsEngines(TlsOptions options) throws TransportException {
        if (options == null) {
            throw new IllegalArgumentException("TLS needs TlsOptions (the expected server name)");
        }
        SSLContext context = TrustStores.trust(options.caFile()).context();
        return remote -> {
            SSLEngine engine = context.createSSLEngine(options.serverName(), remote.getPort());
            engine.setUseClientMode(true);
            engine.setSSLParameters(verifying(engine.getSSLParameters(), options));
            return engine;
        };
    }

    private static SSLParameters verifying(SSLParameters params, TlsOptions options) {
        if (options.verifyHostname()) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(options.serverName())) {
            params.setServerNames(List.of(new SNIHostName(options.serverName())));
        }
        return params;
    }

    /** The failed handshake {@code e} with {@code remote} as one line an operator acts on (what, then the JDK's why). */
    public static TlsHandshakeException handshakeFailure(InetSocketAddress remote, TlsOptions options,
            SSLException e) {
        return handshakeFailure(remote, options, e, List.of());
    }

    private static TlsHandshakeException handshakeFailure(InetSocketAddress remote, TlsOptions options,
            SSLException e, List<java.security.cert.X509Certificate> presented) {
        TlsHandshakeException.Problem problem = TlsHandshakeException.Problem.HANDSHAKE;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage());
            if (t instanceof CertificateExpiredException) {
                problem = TlsHandshakeException.Problem.EXPIRED;
                break;
            }
            if (t instanceof CertificateNotYetValidException) {
                problem = TlsHandshakeException.Problem.NOT_YET_VALID;
                break;
            }
            if (t instanceof CertPathValidatorException cpve
                    && cpve.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                problem = TlsHandshakeException.Problem.EXPIRED;
                break;
            }
            if (msg.contains("No subject alternative") || msg.contains("No name matching")) {
                problem = TlsHandshakeException.Problem.HOSTNAME_MISMATCH;
                break;
            }
            if (msg.contains("PKIX path") || msg.contains("unable to find valid certification path")
                    || t instanceof CertPathValidatorException) {
                problem = TlsHandshakeException.Problem.UNTRUSTED;
            }
        }
        String what = switch (problem) {
            case EXPIRED -> "certificate expired";
            case NOT_YET_VALID -> "certificate not valid yet";
            case HOSTNAME_MISMATCH -> "certificate does not name " + options.serverName();
            case UNTRUSTED -> "certificate chain not trusted"
                    + (options.caFile() == null ? " by the JDK trust store" : " by " + options.caFile());
            case HANDSHAKE -> "handshake failed";
        };
        return new TlsHandshakeException("tls " + describe(remote) + ": " + what + " (" + e.getMessage() + ")",
                problem, presented, e);
    }

    private static Socket connect(InetSocketAddress remote, Deadline deadline, TransportType type)
            throws TransportException {
        if (remote.isUnresolved()) {
            throw new TransportException("cannot resolve " + remote.getHostString());
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(remote, deadline.remainingMillisForSocket());
            return socket;
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new ConnectionRefusedException(type.id() + " " + describe(remote)
                    + ": connection refused, nothing listening", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new TransportTimeoutException(type.id() + " connect to " + describe(remote)
                    + " timed out: host down or a firewall drops the traffic");
        } catch (NoRouteToHostException e) {
            closeQuietly(socket);
            throw new TransportException(type.id() + " " + describe(remote) + ": no route to host", e);
        } catch (TransportTimeoutException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new TransportException(type.id() + " connect to " + describe(remote) + ": " + e.getMessage(), e);
        }
    }

    static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || DOTTED_QUAD.matcher(name).matches();
    }

    /** {@code host:port}, IPv6 in brackets. */
    public static String describe(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null ? address.getHostString() : ip.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // best effort
        }
    }
}
