package dev.turnkit.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;

/** A verified TLS connection; exposes what the server presented. */
public final class TlsConnection extends StreamConnection {
    private final List<X509Certificate> peerChain;
    private final String protocol;
    private final String cipherSuite;

    TlsConnection(SSLSocket socket, InetSocketAddress remote, List<X509Certificate> peerChain) throws IOException {
        super(TransportType.TLS, socket, remote);
        this.peerChain = List.copyOf(peerChain);
        this.protocol = socket.getSession().getProtocol();
        this.cipherSuite = socket.getSession().getCipherSuite();
    }

    /** The server's certificate chain, leaf first, as it passed verification. */
    public List<X509Certificate> peerChain() {
        return peerChain;
    }

    /** e.g. TLSv1.2 */
    public String protocol() {
        return protocol;
    }

    public String cipherSuite() {
        return cipherSuite;
    }
}
