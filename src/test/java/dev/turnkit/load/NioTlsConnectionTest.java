package dev.turnkit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.check.CredentialSource;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.TestCertificates;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TlsHandshakeException;
import dev.turnkit.transport.TlsOptions;
import dev.turnkit.transport.TransportTimeoutException;
import dev.turnkit.transport.TransportType;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load's non-blocking TLS connection against real coturn and a real JDK TLS server on loopback. */
class NioTlsConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    @TempDir
    Path dir;

    /** A STUN Binding request (RFC 8489 §5) with no attributes. */
    private static byte[] bindingRequest() {
        byte[] m = new byte[20];
        m[1] = 0x01;
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xA4;
        m[7] = 0x42;
        for (int i = 8; i < 20; i++) {
            m[i] = (byte) i;
        }
        return m;
    }

    private static NioTlsConnection open(InetSocketAddress server, TlsOptions options, Deadline deadline)
            throws Exception {
        return new NioTlsConnection.Connector(options).open(server, deadline);
    }

    @Test
    void aBindingOverTlsToCoturnIsAnsweredThroughTheEngine() throws Exception {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (CoturnServer turn = CoturnServer.builder().tls(cert).start()) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), turn.tlsPort());
            try (NioTlsConnection tls = open(server,
                    TlsOptions.verifying("localhost").withCaFile(cert.cert()), Deadline.after(WAIT))) {
                assertThat(tls.type()).isEqualTo(TransportType.TLS);
                assertThat(tls.protocol()).startsWith("TLSv1.");
                assertThat(tls.cipherSuite()).as("coturn offers ChaCha20-Poly1305, so it is used")
                        .contains("CHACHA20_POLY1305");
                byte[] request = bindingRequest();
                tls.send(request);
                byte[] response = tls.receive(Deadline.after(WAIT));
                assertThat(response[0] << 8 | response[1] & 0xFF).as("Binding success").isEqualTo(0x0101);
                assertThat(Arrays.copyOfRange(response, 8, 20)).as("same transaction")
                        .isEqualTo(Arrays.copyOfRange(request, 8, 20));
            }
        }
    }

    @Test
    void aCertificateForAnotherNameFailsTheHandshakeInOneClearLine() throws Exception {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (CoturnServer turn = CoturnServer.builder().tls(cert).start()) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), turn.tlsPort());
            assertThatThrownBy(() -> open(server,
                    TlsOptions.verifying("turn.example.org").withCaFile(cert.cert()), Deadline.after(WAIT)))
                    .isInstanceOfSatisfying(TlsHandshakeException.class, e -> {
                        assertThat(e.problem()).isEqualTo(TlsHandshakeException.Problem.HOSTNAME_MISMATCH);
                        assertThat(e.getMessage()).startsWith("tls 127.0.0.1:" + turn.tlsPort()
                                + ": certificate does not name turn.example.org").doesNotContain("\n");
                    });
            assertThatThrownBy(() -> open(server, TlsOptions.verifying("localhost"),
                    Deadline.after(WAIT))).as("no CA file: the JDK store does not know a self-signed certificate")
                    .isInstanceOfSatisfying(TlsHandshakeException.class, e -> assertThat(e.problem())
                            .isEqualTo(TlsHandshakeException.Problem.UNTRUSTED));
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTheHandshakeTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> open((InetSocketAddress) silent.getLocalSocketAddress(),
                    TlsOptions.verifying("localhost"), Deadline.after(Duration.ofMillis(500))))
                    .isInstanceOf(TransportTimeoutException.class).hasMessageContaining("tls handshake with")
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        }
    }

    /** A JDK TLS server with the key of {@link TestCertificates#selfSigned}{@code (dir, "turn", ...)}. */
    private SSLContext serverContext() throws Exception {
        return TestCertificates.serverContext(dir.resolve("turn.p12"));
    }

    private static CompletableFuture<SSLSocket> acceptOne(SSLServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                s.setReceiveBufferSize(4096);
                s.startHandshake();
                return s;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, r -> {
            Thread t = new Thread(r, "tktls-accept");
            t.setDaemon(true);
            t.start();
        });
    }

    @Test
    void aServerWithoutChaCha20IsServedWithTheJdkSuitesForTheRestOfTheRun() throws Exception {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (SSLServerSocket server = (SSLServerSocket) serverContext().getServerSocketFactory().createServerSocket(0,
                4, InetAddress.getLoopbackAddress())) {
            server.setEnabledCipherSuites(Arrays.stream(server.getEnabledCipherSuites())
                    .filter(s -> !s.contains("CHACHA20")).toArray(String[]::new));
            TlsOptions options = TlsOptions.verifying("localhost").withCaFile(cert.cert());
            NioTlsConnection.Connector connector = new NioTlsConnection.Connector(options);
            InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
            java.util.List<SSLSocket> handshaken = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        SSLSocket s = (SSLSocket) server.accept();
                        handshaken.add(s);
                        s.startHandshake(); // the ChaCha20-only offer fails here: no shared suite
                    } catch (Exception e) {
                        // next connection
                    }
                }
            }, "tktls-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            try {
                for (int i = 0; i < 3; i++) {
                    try (NioTlsConnection tls = connector.open(address, Deadline.after(WAIT))) {
                        assertThat(tls.cipherSuite()).as("connection " + i).doesNotContain("CHACHA20");
                    }
                }
                assertThat(handshaken).as("one refused ChaCha20 offer, then three connections").hasSize(4);
            } finally {
                server.close();
                for (SSLSocket s : handshaken) {
                    s.close();
                }
                acceptor.join(5_000);
            }
        }
    }

    @Test
    void recordsTheSocketDidNotTakeStayPendingAndLeaveInOrderOnceThePeerReadsAndCloseSendsCloseNotify() throws Exception {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (SSLServerSocket server = (SSLServerSocket) serverContext().getServerSocketFactory().createServerSocket(0,
                1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<SSLSocket> accepted = acceptOne(server);
            try (NioTlsConnection tls = open((InetSocketAddress) server.getLocalSocketAddress(),
                    TlsOptions.verifying("localhost").withCaFile(cert.cert()), Deadline.after(WAIT));
                    SSLSocket peer = accepted.get(5, TimeUnit.SECONDS)) {
                // small socket buffers on both sides, so that a few hundred records fill them
                tls.channel().setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4096);
                // ChannelData frames of 164 bytes (160 + header), numbered; the peer reads nothing yet
                int queued = 0;
                ByteBuffer frame = ByteBuffer.allocateDirect(164);
                while (queued < 100_000) {
                    frame.clear();
                    frame.putShort((short) 0x4000).putShort((short) 160).putInt(queued).position(0);
                    if (!tls.offer(frame)) {
                        break;
                    }
                    queued++;
                }
                assertThat(queued).as("the socket buffers filled up and offer said so").isLessThan(100_000);
                assertThat(tls.pending()).as("the encrypted bytes the socket did not take are kept").isTrue();

                CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                    try {
                        DataInputStream in = new DataInputStream(peer.getInputStream());
                        byte[] f = new byte[164];
                        int n = 0;
                        for (; n < 100_000; n++) {
                            in.readFully(f);
                            if (ByteBuffer.wrap(f).getInt(4) != n) {
                                return -n - 1;
                            }
                            if (ByteBuffer.wrap(f).getShort(0) == 0x7FFF) {
                                break;
                            }
                        }
                        return n;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long until = System.nanoTime() + WAIT.toNanos();
                while (!tls.flush() && System.nanoTime() < until) {
                    Thread.sleep(5);
                }
                assertThat(tls.pending()).as("flushed once the peer reads").isFalse();
                byte[] last = new byte[164];
                ByteBuffer.wrap(last).putShort((short) 0x7FFF).putShort((short) 160).putInt(queued);
                tls.send(last);
                assertThat(read.get(20, TimeUnit.SECONDS)).as("every one of " + queued + " frames arrived, in order")
                        .isEqualTo(queued);

                tls.close();
                peer.setSoTimeout(5_000);
                assertThat(peer.getInputStream().read()).as("close_notify: a clean end of the stream").isEqualTo(-1);
            }
        }
    }

    @Test
    void coturnStoppedMidRunIsReportedPerConnectionAndTheRunEnds() throws Exception {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        String secret = "tls-load-test-secret";
        ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor();
        try (CoturnServer turn = CoturnServer.builder().secret(secret).tls(cert)
                .lines(dev.turnkit.testsupport.CoturnConfigs.hardenedPeerRules())
                .lines(dev.turnkit.testsupport.CoturnConfigs.loopbackEchoException("127.0.0.2")).start()) {
            LoadOptions options = new LoadOptions(TransportType.TLS, "127.0.0.1", turn.tlsPort(),
                    TlsOptions.verifying("localhost").withCaFile(cert.cert()), 4, Duration.ofSeconds(6), 50, 160,
                    Duration.ofMillis(500));
            stopper.schedule(turn::stop, 3, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            LoadReport report = new LoadGenerator(options,
                    CredentialSource.restSecret(secret.getBytes(StandardCharsets.UTF_8)), line -> { }).run();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("nothing hangs: 6 s of media, 1 s of drain, "
                    + "the release's short timeouts").isLessThan(Duration.ofSeconds(20));
            assertThat(report.callsUp()).isEqualTo(4);
            assertThat(report.failures().toString()).as(report.toString())
                    .contains("connection lost during media: tls connection to");
            assertThat(report.failures().values().stream().mapToInt(Integer::intValue).sum())
                    .as("each of the 8 connections reports its loss once").isEqualTo(8);
            assertThat(report.sent()).as("media flowed before the stop").isPositive();
        } finally {
            stopper.shutdownNow();
        }
    }
}
