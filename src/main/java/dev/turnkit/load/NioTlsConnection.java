package dev.turnkit.load;

import dev.turnkit.transport.Connections;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TlsHandshakeException;
import dev.turnkit.transport.TlsOptions;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportTimeoutException;
import dev.turnkit.transport.TransportType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * A non-blocking TLS connection: a {@link java.nio.channels.SocketChannel} and an {@link SSLEngine} that verifies the
 * server as every TLS connection of turnkit does ({@link Connections#tlsEngines}: the CA file or the JDK store, the
 * server name, SNI; {@link Connector} says what the connections of a run share). The handshake is done in
 * {@link Connector#open}, before the connection carries anything; a refused certificate or a failed handshake is one
 * line ({@link Connections#handshakeFailure}). The decrypted stream is framed by {@link NioTcpConnection}; this class
 * only decides how bytes come in ({@link #read}: what the socket has, unwrapped record by record into the frame
 * buffer) and go out ({@link #write} for the control plane, which waits until the record has left; {@link #offer} and
 * {@link #flush} for the media loop, which keeps the encrypted bytes the socket did not take and asks for
 * {@link SelectionKey#OP_WRITE}). {@link #close} sends close_notify.
 *
 * <p>A record's plaintext is never longer than the record, so with {@link #readRoom()} (one record buffer) free in the
 * frame buffer, unwrapping what one read brought cannot overflow; if it does all the same, {@link #buffered()} makes
 * the reader come back for the rest without waiting for the socket.
 */
final class NioTlsConnection extends NioTcpConnection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** How long a close_notify may wait for a full socket buffer. */
    private static final long CLOSE_NOTIFY_MILLIS = 100;

    private final SSLEngine engine;
    /** Received ciphertext not unwrapped yet (a partial record), in write mode. */
    private final ByteBuffer netIn;
    /** Ciphertext the socket has not taken yet, in write mode. */
    private final ByteBuffer netOut;
    private final int packetSize;
    /** Why the connection ended, if the TLS layer knows (an alert, a bad record, the server's close_notify). */
    private String lostReason;
    private boolean overflowed;

    private NioTlsConnection(Connected c, InetSocketAddress remote, SSLEngine engine) {
        super(c, remote);
        this.engine = engine;
        this.packetSize = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocateDirect(packetSize);
        this.netOut = ByteBuffer.allocateDirect(2 * packetSize);
    }

    /**
     * Opens the TLS connections of one run: one context, so that connections after the first resume its verified
     * session ({@link Connections#tlsEngines}), and ChaCha20-Poly1305 (RFC 7905) as the only suites offered while the
     * server accepts them. This JVM runs with C1 only ({@code bin/load-jvm.options}), where AES has no intrinsics:
     * there, encrypting and decrypting a 164-byte record costs half as much CPU with ChaCha20-Poly1305 as with
     * AES-GCM (BENCHMARKS.md, TLS). A server picks its own preference among what is offered (coturn prefers AES-GCM),
     * so offering it first is not enough. If the server refuses the handshake, the run falls back to the JDK's
     * suites for that connection and every later one. Once a handshake succeeded, later connections offer only the
     * protocol version the server chose: a ClientHello that offers TLS 1.3 carries a key share, an elliptic-curve
     * key pair made for it, which a TLS 1.2 server (coturn 4.6.1 here) ignores; making it for each of a run's 100
     * connections cost more CPU than all the rest of their handshakes. Thread-safe.
     */
    static final class Connector {
        private final TlsOptions options;
        private final Connections.TlsEngines engines;
        private volatile boolean chaCha20Refused;
        /** The version the server chose in the first handshake that succeeded. */
        private volatile String protocol;

        Connector(TlsOptions options) throws TransportException {
            this.options = options;
            this.engines = Connections.tlsEngines(options);
        }

        /**
         * Connects and completes the handshake before {@code deadline}.
         *
         * @throws dev.turnkit.transport.TlsHandshakeException the certificate was refused (untrusted, expired, does
         *     not name the server) or the handshake failed, in one line
         * @throws TransportTimeoutException the server did not finish the handshake in time
         */
        NioTlsConnection open(InetSocketAddress remote, Deadline deadline) throws TransportException {
            NioTlsConnection tls = null;
            if (!chaCha20Refused) {
                SSLEngine engine = engine(remote);
                String[] chaCha20 = Arrays.stream(engine.getEnabledCipherSuites()).filter(s -> s.contains("CHACHA20"))
                        .toArray(String[]::new);
                if (chaCha20.length > 0) {
                    engine.setEnabledCipherSuites(chaCha20);
                    try {
                        tls = NioTlsConnection.open(remote, options, engine, deadline);
                    } catch (TlsHandshakeException e) {
                        if (e.problem() != TlsHandshakeException.Problem.HANDSHAKE) {
                            throw e;
                        }
                        chaCha20Refused = true;
                    }
                }
            }
            if (tls == null) {
                tls = NioTlsConnection.open(remote, options, engine(remote), deadline);
            }
            if (protocol == null) {
                protocol = tls.protocol();
            }
            return tls;
        }

        private SSLEngine engine(InetSocketAddress remote) {
            SSLEngine engine = engines.engine(remote);
            String chosen = protocol;
            if (chosen != null && Arrays.asList(engine.getEnabledProtocols()).contains(chosen)) {
                engine.setEnabledProtocols(new String[] {chosen});
            }
            return engine;
        }
    }

    private static NioTlsConnection open(InetSocketAddress remote, TlsOptions options, SSLEngine engine,
            Deadline deadline) throws TransportException {
        NioTlsConnection tls = new NioTlsConnection(connect(TransportType.TLS, remote, deadline), remote, engine);
        try {
            tls.handshake(deadline);
            return tls;
        } catch (SSLException e) {
            tls.sendAlert();
            tls.closeChannel();
            throw Connections.handshakeFailure(remote, options, e);
        } catch (TransportException e) {
            tls.closeChannel();
            throw e;
        } catch (IOException e) {
            tls.closeChannel();
            throw new TransportException("tls " + Connections.describe(remote) + ": " + e.getMessage(), e);
        }
    }

    private void handshake(Deadline deadline) throws IOException, TransportException {
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            switch (hs) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    SSLEngineResult r = engine.wrap(EMPTY, netOut);
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        throw new SSLException("handshake: wrap " + r.getStatus());
                    }
                    while (!flush()) {
                        awaitHandshake(deadline, SelectionKey.OP_WRITE);
                    }
                }
                default -> { // NEED_UNWRAP, NEED_UNWRAP_AGAIN
                    netIn.flip();
                    SSLEngineResult r;
                    try {
                        r = engine.unwrap(netIn, in);
                    } finally {
                        netIn.compact();
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the server closed the connection during the handshake");
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        awaitHandshake(deadline, SelectionKey.OP_READ);
                        if (channel.read(netIn) < 0) {
                            throw new SSLException("the server closed the connection during the handshake");
                        }
                    }
                }
            }
            hs = engine.getHandshakeStatus();
        }
    }

    private void awaitHandshake(Deadline deadline, int op) throws IOException, TransportException {
        SelectionKey key = channel.keyFor(own);
        key.interestOps(op);
        own.selectedKeys().clear();
        if (deadline.expired() || own.select(Math.max(1, deadline.remaining().toMillis())) == 0) {
            throw new TransportTimeoutException("tls handshake with " + Connections.describe(remote)
                    + " timed out: the server accepted the connection but did not answer");
        }
        own.selectedKeys().clear();
        key.interestOps(SelectionKey.OP_READ);
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    @Override
    public TransportType type() {
        return TransportType.TLS;
    }

    /** The negotiated protocol, e.g. TLSv1.3. */
    String protocol() {
        return engine.getSession().getProtocol();
    }

    String cipherSuite() {
        return engine.getSession().getCipherSuite();
    }

    @Override
    int readRoom() {
        return packetSize;
    }

    @Override
    boolean buffered() {
        return overflowed;
    }

    @Override
    String lost() {
        return lostReason != null ? lostReason : super.lost();
    }

    /** Reads what the socket has and unwraps every whole record into the frame buffer; the plaintext byte count. */
    @Override
    int read() {
        int n;
        try {
            n = netIn.hasRemaining() ? channel.read(netIn) : 0;
        } catch (IOException e) {
            lostReason = "tls connection to " + remote + " broken: " + e.getMessage();
            return -1;
        }
        int before = in.position();
        overflowed = false;
        netIn.flip();
        try {
            while (netIn.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(netIn, in);
                SSLEngineResult.Status status = r.getStatus();
                if (status == SSLEngineResult.Status.CLOSED) {
                    lostReason = "tls connection to " + remote + " closed by the server (close_notify)";
                    return -1;
                }
                if (status == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    if (in.position() == before) {
                        lostReason = "tls from " + remote + ": a frame longer than " + (in.capacity() - packetSize)
                                + " bytes";
                        return -1; // no room even after compaction: a frame this long never completes
                    }
                    overflowed = true; // the frames taken out first make room; buffered() says there is more
                    break;
                }
                if (status == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                    if (netIn.limit() == netIn.capacity() && netIn.position() == 0) {
                        lostReason = "tls from " + remote + ": record larger than " + packetSize + " bytes";
                        return -1;
                    }
                    break; // the rest of the record is still on its way
                }
                afterHandshakeMessage(r.getHandshakeStatus()); // e.g. a TLS 1.3 KeyUpdate to answer
            }
        } catch (SSLException e) {
            lostReason = "tls from " + remote + ": " + e.getMessage();
            return -1;
        } catch (IOException e) {
            lostReason = "tls connection to " + remote + " broken: " + e.getMessage();
            return -1;
        } finally {
            netIn.compact();
        }
        int plain = in.position() - before;
        return plain == 0 && n < 0 ? -1 : plain;
    }

    private void afterHandshakeMessage(HandshakeStatus hs) throws IOException {
        if (hs == HandshakeStatus.NEED_TASK) {
            runTasks();
        } else if (hs == HandshakeStatus.NEED_WRAP) {
            engine.wrap(EMPTY, netOut);
            flush();
        }
    }

    /** Encrypts {@code frame} and waits until the socket took it (the control plane's send). */
    @Override
    boolean write(ByteBuffer frame) {
        try {
            if (!offer(frame)) {
                return false;
            }
            while (!flush()) {
                if (!awaitWritable(WRITE_STALL_MILLIS)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Encrypts {@code frame} as one record after the ciphertext still pending and writes what the socket takes now,
     * without waiting; false if the frame could not be queued (the socket took nothing for a record's worth, or the
     * connection is closed). {@link #pending()} then says whether the media loop must wait for OP_WRITE.
     */
    boolean offer(ByteBuffer frame) {
        try {
            if (netOut.remaining() < packetSize) {
                flush();
                if (netOut.remaining() < packetSize) {
                    return false;
                }
            }
            SSLEngineResult r = engine.wrap(frame, netOut);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                return false;
            }
            flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes pending ciphertext without waiting; true once nothing is pending. */
    boolean flush() throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
        return netOut.position() == 0;
    }

    /** True while encrypted bytes wait for the socket. */
    boolean pending() {
        return netOut.position() > 0;
    }

    /** Sends close_notify (RFC 8446 §6.1), waiting briefly for anything still pending, then closes. */
    @Override
    public void close() {
        engine.closeOutbound();
        sendAlert();
        closeChannel();
    }

    /** Wraps what the engine has to say (an alert, close_notify) and lets it leave if the socket takes it soon. */
    private void sendAlert() {
        try {
            while (!engine.isOutboundDone()) {
                SSLEngineResult r = engine.wrap(EMPTY, netOut);
                if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesProduced() == 0) {
                    break;
                }
            }
            if (!flush() && awaitWritable(CLOSE_NOTIFY_MILLIS)) {
                flush();
            }
        } catch (IOException e) {
            // the connection is gone anyway
        }
    }

    private void closeChannel() {
        super.close();
    }
}
