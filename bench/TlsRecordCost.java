import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;

/**
 * CPU per TLS record of a `turnkit load` packet (164 bytes: ChannelData header + 160 B), per protocol and cipher
 * suite: one client SSLEngine wraps, one server SSLEngine unwraps, in memory, in this thread; thread CPU time after
 * a warm-up round. Run by bench/tls-record-cost.sh with the JVM options of `turnkit load`.
 *
 * Arguments: keystore.p12 (password changeit) then PROTOCOL:SUITE ...
 */
public final class TlsRecordCost {
    private static final int RECORDS = 30_000;

    public static void main(String[] args) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(args[0])) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int a = 1; a < args.length; a++) {
            String[] p = args[a].split(":");
            SSLEngine client = ctx.createSSLEngine("localhost", 1);
            client.setUseClientMode(true);
            client.setEnabledProtocols(new String[] {p[0]});
            client.setEnabledCipherSuites(new String[] {p[1]});
            SSLEngine server = ctx.createSSLEngine();
            server.setUseClientMode(false);
            ByteBuffer toServer = ByteBuffer.allocateDirect(1 << 16);
            ByteBuffer toClient = ByteBuffer.allocateDirect(1 << 16);
            ByteBuffer plain = ByteBuffer.allocate(1 << 16);
            client.beginHandshake();
            server.beginHandshake();
            for (int i = 0; i < 100 && !(done(client) && done(server)); i++) {
                handshakeStep(client, server, toServer, plain);
                handshakeStep(server, client, toClient, plain);
            }
            ByteBuffer frame = ByteBuffer.allocateDirect(164);
            double micros = 0;
            for (int round = 0; round < 3; round++) { // the first round warms up
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < RECORDS; i++) {
                    frame.clear();
                    toServer.clear();
                    plain.clear();
                    client.wrap(frame, toServer);
                    toServer.flip();
                    server.unwrap(toServer, plain);
                }
                micros = (threads.getCurrentThreadCpuTime() - t0) / 1e3 / RECORDS;
            }
            System.out.printf("%s %s: %.1f us CPU per wrap + unwrap of a 164-byte record (%d bytes on the wire)%n",
                    client.getSession().getProtocol(), client.getSession().getCipherSuite(), micros,
                    toServer.limit());
        }
    }

    /** {@code from} says what it has to say, {@code to} reads it; both run what the handshake delegated. */
    private static void handshakeStep(SSLEngine from, SSLEngine to, ByteBuffer wire, ByteBuffer plain)
            throws Exception {
        from.wrap(ByteBuffer.allocate(0), wire);
        wire.flip();
        to.unwrap(wire, plain);
        wire.compact();
        tasks(to);
        tasks(from);
    }

    private static boolean done(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void tasks(SSLEngine e) {
        for (Runnable r; (r = e.getDelegatedTask()) != null; ) {
            r.run();
        }
    }
}
