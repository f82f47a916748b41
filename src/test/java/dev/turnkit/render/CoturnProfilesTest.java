package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.Status;
import dev.turnkit.check.Transport;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.model.CoturnVersion;
import dev.turnkit.model.PortRange;
import dev.turnkit.model.StackConfig;
import dev.turnkit.model.TurnServerSpec;
import dev.turnkit.testsupport.Components;
import dev.turnkit.testsupport.ManagedProcess;
import dev.turnkit.testsupport.SecretSync;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered turnserver.conf on real coturn (Debian 4.6.1), on loopback: the production profile with loopback
 * stand-ins for the addresses and free ports (checked with {@code turnkit check}'s deny sweep), and the local
 * profile.
 */
class CoturnProfilesTest {
    @TempDir
    Path dir;
    Path turnserver;
    Path openssl;
    Path cert;
    Path key;

    @BeforeEach
    void certificate() {
        turnserver = Components.turnserver();
        openssl = Components.require("openssl", Path.of("/usr/bin/openssl"), "apt-get install -y openssl");
        cert = dir.resolve("fullchain.pem");
        key = dir.resolve("privkey.pem");
        // ECDSA P-256, like certbot >= 2.0 issues: the config must not pin RSA-only ciphers.
        HostTools.Run r = HostTools.run(dir, List.of(openssl.toString(), "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out",
                cert.toString(), "-days", "2", "-subj", "/CN=turn.example.com"));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void productionProfileStartsCleanlyAndRefusesOldTls() throws IOException {
        int port = ManagedProcess.freePort();
        int tlsPort = ManagedProcess.freePort();
        String yaml = Files.readString(Path.of("stacks", "Pulumi.prod.yaml"))
                .replace("turnkit:listeningPort: 3478", "turnkit:listeningPort: " + port)
                .replace("turnkit:tlsListeningPort: 5349", "turnkit:tlsListeningPort: " + tlsPort);
        StackConfig config = StackConfig.fromYaml("prod", yaml);
        TurnServerSpec spec = TurnServerSpec.productionWithAddresses(config, "127.0.0.2", "127.0.0.1",
                List.of(Stacks.SECRET, Stacks.PREVIOUS_SECRET)).withTlsFiles(cert.toString(), key.toString())
                .withDbFile(dir.resolve("turndb").toString());
        Path conf = dir.resolve("turnserver.conf");
        Files.writeString(conf, HostRenderer.create().renderTurnServerConf(spec));
        // production keeps the secrets in the userdb: filled by the host's sync script, as at first boot
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        SecretSync.run(secrets, dir.resolve("turndb"), spec.realm(), spec.secrets());

        try (ManagedProcess coturn = start(conf)) {
            awaitTls12(coturn, tlsPort);
            String log = Files.readString(coturn.log());
            assertThat(log).as("every rendered option is known to coturn 4.6.1")
                    .doesNotContain("Bad configuration format").doesNotContain("CONFIG ERROR")
                    .doesNotContain("unrecognized option");
            assertThat(log).as("the deny list is loaded, including the CVE-2026-27624 rule")
                    .contains("Black listing: 169.254.0.0-169.254.255.255")
                    .contains("Black listing: ::ffff:0.0.0.0-::ffff:255.255.255.255");
            assertThat(log).as("NAT settings").contains("Relay address to use: 127.0.0.1");
            assertThat(tls(tlsPort, "-tls1_2")).as("TLS 1.2 with the ECDSA certificate (no pinned cipher list)")
                    .contains("Cipher is ECDHE-ECDSA");
            for (String old : List.of("-tls1", "-tls1_1")) {
                HostTools.Run r = tlsRun(tlsPort, old);
                // coturn either answers with an alert or leaves the hello unanswered (timeout exits 124).
                assertThat(r.exitCode()).as(old + " handshake fails (no-tlsv1, no-tlsv1_1):\n" + r.output())
                        .isNotZero();
                assertThat(r.output()).as(old + " negotiates no cipher").doesNotContain("Cipher is ECDHE")
                        .doesNotContain("Cipher is AES");
            }
            assertThat(unauthenticatedAllocate(port)).as("an Allocate without credentials gets 401: not an open relay")
                    .isEqualTo(401);

            // turnkit check's deny sweep against the running production profile: every special-purpose target
            // (incl. the ::ffff:, ::a.b.c.d, NAT64 and 6to4 encodings) refused, the public allow controls accepted.
            TurnTarget target = TurnTarget.of("127.0.0.1").withPort(port).withTlsPort(tlsPort)
                    .withCredentials(CredentialSource.restSecret(Stacks.SECRET.getBytes(StandardCharsets.US_ASCII)));
            CheckReport report = new CheckRunner(Duration.ofSeconds(30)).run(List.of(
                    Checks.peerDenySweep(target, Transport.UDP, List.of()),
                    Checks.authRequired(target, Transport.UDP),
                    Checks.turnAllocate(target, Transport.UDP)));
            assertThat(report.results()).as("deny sweep, auth-required and allocate on the production profile")
                    .allSatisfy(r -> assertThat(r.status()).as(r.name() + ": " + r.detail()).isEqualTo(Status.OK));
            assertThat(report.results().get(0).detail()).as("public peers stay reachable").contains("allow");
        }
    }

    @Test
    void localProfileStartsOnLoopback() throws IOException {
        int port = ManagedProcess.freePort();
        int tlsPort = ManagedProcess.freePort();
        TurnServerSpec spec = TurnServerSpec.local(new TurnServerSpec.LocalOptions("turn.localhost.test", port,
                tlsPort, new PortRange(41000, 41999), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET),
                cert.toString(), key.toString(), dir.resolve("turndb").toString(), true, "local-cli-0123456789"));
        Path conf = dir.resolve("turnserver.conf");
        Files.writeString(conf, HostRenderer.create().renderTurnServerConf(spec));
        try (ManagedProcess coturn = start(conf)) {
            awaitTls12(coturn, tlsPort);
            String log = Files.readString(coturn.log());
            assertThat(log).doesNotContain("Bad configuration format").doesNotContain("CONFIG ERROR");
            assertThat(log).as("loopback peers allowed for the local echo, with coturn's own warning")
                    .contains("allow_loopback_peers").doesNotContain("Black listing: 127.0.0.0-127.255.255.255");
            assertThat(unauthenticatedAllocate(port)).isEqualTo(401);
        }
    }

    private ManagedProcess start(Path conf) {
        return ManagedProcess.start("coturn", List.of(turnserver.toString(), "-c", conf.toString(), "--pidfile",
                dir.resolve("turnserver.pid").toString()), dir, dir.resolve("coturn.log"));
    }

    /** Waits until a TLS 1.2 handshake succeeds (the TLS listener is the last to come up). */
    private void awaitTls12(ManagedProcess coturn, int tlsPort) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        coturn.awaitTcp("127.0.0.1", tlsPort, Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (tls(tlsPort, "-tls1_2").contains("Cipher is ECDHE")) {
                return;
            }
            assertThat(coturn.isAlive()).as("coturn died:\n" + coturn.logTail()).isTrue();
        }
        throw new AssertionError("no TLS 1.2 handshake within 20 s:\n" + coturn.logTail());
    }

    /** One handshake with a client that would accept TLS 1.0/1.1 (SECLEVEL=0), so a refusal is the server's. */
    private String tls(int port, String version) {
        return tlsRun(port, version).output();
    }

    private HostTools.Run tlsRun(int port, String version) {
        return HostTools.run(dir, List.of("timeout", "5", openssl.toString(), "s_client", "-connect",
                "127.0.0.1:" + port, version, "-cipher", "DEFAULT:@SECLEVEL=0", "-servername", "turn.example.com"));
    }

    /** RFC 8656 §7.1 Allocate (REQUESTED-TRANSPORT UDP) with no credentials; returns the ERROR-CODE, or 0. */
    private static int unauthenticatedAllocate(int port) throws IOException {
        byte[] txid = new byte[12];
        new SecureRandom().nextBytes(txid);
        ByteBuffer req = ByteBuffer.allocate(28);
        req.putShort((short) 0x0003).putShort((short) 8).putInt(0x2112A442).put(txid);
        req.putShort((short) 0x0019).putShort((short) 4).putInt(0x11000000);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(1000);
            for (int attempt = 0; attempt < 5; attempt++) {
                socket.send(new DatagramPacket(req.array(), 28, InetAddress.getLoopbackAddress(), port));
                DatagramPacket resp = new DatagramPacket(new byte[1500], 1500);
                try {
                    socket.receive(resp);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                ByteBuffer b = ByteBuffer.wrap(resp.getData(), 0, resp.getLength());
                if (b.getShort(0) != 0x0113) {
                    return 0;
                }
                int pos = 20;
                while (pos + 4 <= resp.getLength()) {
                    int type = b.getShort(pos) & 0xffff;
                    int len = b.getShort(pos + 2) & 0xffff;
                    if (type == 0x0009) {
                        return (b.get(pos + 6) & 0x7) * 100 + (b.get(pos + 7) & 0xff);
                    }
                    pos += 4 + ((len + 3) & ~3);
                }
                return 0;
            }
        }
        throw new AssertionError("no answer to Allocate on 127.0.0.1:" + port);
    }
}
