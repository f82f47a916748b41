package dev.turnkit.deploy;

import static dev.turnkit.deploy.DeployFixture.COTURN;
import static dev.turnkit.deploy.DeployFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.check.CheckResult;
import dev.turnkit.check.Checks;
import dev.turnkit.check.Status;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.testsupport.HostSshd;
import dev.turnkit.testsupport.SimulatedHost;
import dev.turnkit.testsupport.TestCertificates;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys to a simulated host (network + mount namespace, real OpenSSH, the systemctl stand-in running real coturn)
 * and verifies with the production check suite, including the peer deny sweep.
 */
class DeployerIntegrationTest {
    static final String CONF = "/etc/turnserver.conf";
    @TempDir
    static Path shared;
    static TestCertificates.Pem cert;
    static SimulatedHost host;
    static HostSshd sshd;

    @TempDir
    Path dir;
    final List<String> progress = new ArrayList<>() {
        @Override
        public boolean add(String line) {
            System.err.println(java.time.LocalTime.now() + " deploy: " + line);
            return super.add(line);
        }
    };

    @BeforeAll
    static void startHost() {
        cert = TestCertificates.selfSigned(shared, "turn", 0, 365);
        host = DeployFixture.startHost(cert);
        sshd = host.startSshd();
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    /** Every test starts from the quota-10 baseline, deployed and verified. */
    @BeforeEach
    void baseline() {
        DeployResult r = deployer().deploy(baseFiles(), SECRET, false);
        assertThat(r.status()).as(why(r)).isEqualTo(Status.OK);
        assertThat(host.unitPid(COTURN)).isPositive();
    }

    static List<Artifact> baseFiles() {
        return DeployFixture.files(DeployFixture.stack(host, 10), List.of(SECRET));
    }

    Deployer deployer() {
        return new Deployer(DeployFixture.ssh(sshd, sshd.knownHosts(dir.resolve("known_hosts"))),
                DeployFixture.verification(host, cert), progress::add);
    }

    String why(DeployResult r) {
        return r.message() + "\n" + String.join("\n", progress) + "\n--- coturn ---\n" + host.unitOutput(COTURN);
    }

    static List<Artifact> replace(List<Artifact> files, String path, String from, String to) {
        List<Artifact> out = new ArrayList<>();
        for (Artifact f : files) {
            String text = new String(f.content(), java.nio.charset.StandardCharsets.UTF_8);
            if (f.path().equals(path)) {
                assertThat(text).contains(from);
                out.add(f.withContent(text.replace(from, to)));
            } else {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void aRotationThatCarriesAConfigChangeEndsWarningBecauseCoturnRestartedAndCallsDropped() {
        String fresh = "rotation-new-secret-0123456789abcdef";
        long coturn = host.unitPid(COTURN);

        // the quota change goes out with step 1 of the rotation: turnserver.conf changes, coturn restarts
        DeployResult r = deployer().rotate(s -> DeployFixture.files(DeployFixture.stack(host, 30), s), SECRET, fresh,
                Duration.ofSeconds(1), () -> { });

        assertThat(r.status()).as(why(r)).isEqualTo(Status.WARNING);
        assertThat(r.message()).contains("secret rotated", "coturn was restarted meanwhile (pid " + coturn + " -> ",
                "calls in progress were dropped");
        assertThat(r.steps()).contains("restart coturn.service", "run /usr/local/sbin/turnkit-sync-secrets");
        assertThat(host.unitPid(COTURN)).isPositive().isNotEqualTo(coturn);
    }

    @Test
    void aRotationWhoseFirstStepFailsItsCheckIsRolledBackAndVerifiedWithTheOldSecret() {
        String fresh = "rotation-new-secret-fedcba9876543210";
        // a deny range dropped in the same deploy as the new secret: the sweep fails step 1
        DeployResult r = deployer().rotate(s -> replace(DeployFixture.files(DeployFixture.stack(host, 10), s), CONF,
                "denied-peer-ip=10.0.0.0-10.255.255.255\n", ""), SECRET, fresh, Duration.ofSeconds(1), () -> {
                    throw new AssertionError("step 1 failed: the new secret must not be saved");
                });

        assertThat(r.status()).as(why(r)).isEqualTo(Status.CRITICAL);
        assertThat(r.rolledBack()).isTrue();
        assertThat(r.rollbackCheck().status()).as("the restored host holds only the old secret, and the check after "
                + "the rollback uses it: " + why(r)).isEqualTo(Status.OK);
        assertThat(host.readFileOrNull("/etc/turnkit/turn-secret")).isEqualTo(SECRET + "\n");
        assertThat(host.readFileOrNull("/etc/turnkit/turn-secret.previous")).isNull();
    }

    @Test
    void aChangedQuotaIsUploadedAloneRestartsCoturnOnceAndPassesTheCheck() {
        int before = host.systemctlLog().size();
        long coturn = host.unitPid(COTURN);

        DeployResult r = deployer().deploy(DeployFixture.files(DeployFixture.stack(host, 25), List.of(SECRET)),
                SECRET, false);

        assertThat(r.status()).as(why(r)).isEqualTo(Status.OK);
        assertThat(r.uploaded()).containsExactly(CONF);
        assertThat(r.steps()).containsExactly("restart coturn.service");
        assertThat(DeployFixture.unitActions(host, before)).containsExactly("restart " + COTURN);
        assertThat(host.unitPid(COTURN)).isPositive().isNotEqualTo(coturn);
        assertThat(host.readFile(CONF)).contains("user-quota=25");
        assertThat(host.readFile("/var/lib/turnkit/deploy/prev" + CONF)).as("previous version kept")
                .contains("user-quota=10");
        assertThat(r.check().results()).extracting(CheckResult::name).contains(Checks.PEER_DENY_SWEEP);
    }

    @Test
    void aBadListeningIpThatStopsTurnServiceIsRolledBackAndCoturnRunsTheOldConfig() {
        String good = host.readFileOrNull(CONF);
        // A listening-ip that is not on the host. coturn 4.6.1 keeps running with any bad value (it logs "Cannot
        // bind"/"Bad configuration format" and goes on), so nothing listens and only the check can notice.
        String wrongIp = host.privateIp().substring(0, host.privateIp().lastIndexOf('.')) + ".99";
        List<Artifact> bad = replace(baseFiles(), CONF, "listening-ip=" + host.privateIp() + "\n",
                "listening-ip=" + wrongIp + "\n");

        DeployResult r = deployer().deploy(bad, SECRET, false);

        assertThat(r.status()).as(why(r)).isEqualTo(Status.CRITICAL);
        assertThat(r.rolledBack()).isTrue();
        assertThat(r.message()).contains("the check after applying is CRITICAL", "rolled back");
        assertThat(r.check().results()).filteredOn(c -> c.name().equals(Checks.TURN_ALLOCATE))
                .extracting(CheckResult::status).containsOnly(Status.CRITICAL);
        assertThat(r.rollbackCheck().status()).as(why(r)).isEqualTo(Status.OK);
        assertThat(host.readFileOrNull(CONF)).isEqualTo(good);
        assertThat(host.unitPid(COTURN)).isPositive();
        assertThat(host.readFileOrNull("/var/lib/turnkit/deploy/journal")).as("journal cleared").isNull();
    }

    @Test
    void aConfigThatStartsButDropsADenyRangeIsRolledBackByTheDenySweep() {
        String good = host.readFileOrNull(CONF);
        List<Artifact> open = replace(baseFiles(), CONF, "denied-peer-ip=10.0.0.0-10.255.255.255\n", "");

        DeployResult r = deployer().deploy(open, SECRET, false);

        assertThat(r.status()).as(why(r)).isEqualTo(Status.CRITICAL);
        CheckResult sweep = r.check().results().stream().filter(c -> c.name().equals(Checks.PEER_DENY_SWEEP))
                .findFirst().orElseThrow();
        assertThat(sweep.status()).isEqualTo(Status.CRITICAL);
        assertThat(sweep.detail()).contains("ACCEPTED", "10.0.0.1");
        assertThat(r.rollbackCheck().status()).as(why(r)).isEqualTo(Status.OK);
        assertThat(host.readFileOrNull(CONF)).isEqualTo(good).contains("denied-peer-ip=10.0.0.0-10.255.255.255");
    }

    @Test
    void aConnectionCutMidUploadLeavesTheOldVersionAndTheNextDeployCompletes() throws Exception {
        String good = host.readFileOrNull(CONF);
        List<String> calls = host.systemctlLog();
        long coturn = host.unitPid(COTURN);
        byte[] jar = new byte[16 << 20];
        new SecureRandom().nextBytes(jar);
        List<Artifact> files = new ArrayList<>(DeployFixture.files(DeployFixture.stack(host, 30), List.of(SECRET)));
        files.add(Artifact.jar(jar));
        Path staging = host.onDisk("/opt/turnkit/.turnkit.jar.turnkit-new");
        CompletableFuture<Integer> killer = CompletableFuture.supplyAsync(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < end) {
                if (Files.exists(staging)) {
                    List<ProcessHandle> sessions = sshd.sessions();
                    sessions.forEach(ProcessHandle::destroyForcibly);
                    return sessions.size();
                }
                Thread.onSpinWait();
            }
            return 0;
        });

        assertThatThrownBy(() -> deployer().deploy(files, SECRET, false)).isInstanceOf(DeployException.class);
        assertThat(killer.get(60, TimeUnit.SECONDS)).as("sshd session processes killed").isPositive();

        assertThat(host.readFileOrNull(CONF)).as("old config still in place").isEqualTo(good);
        assertThat(host.readFileOrNull(Artifact.JAR_PATH)).isNull();
        assertThat(host.systemctlLog()).as("nothing applied").isEqualTo(calls);
        assertThat(host.unitPid(COTURN)).isEqualTo(coturn);
        assertThat(host.unitPid(COTURN)).isPositive();

        DeployResult next = deployer().deploy(files, SECRET, false);

        assertThat(next.status()).as(why(next)).isEqualTo(Status.OK);
        assertThat(next.uploaded()).containsExactlyInAnyOrder(CONF, Artifact.JAR_PATH);
        assertThat(host.readFileOrNull(CONF)).contains("user-quota=30");
        assertThat(host.sh("sha256sum " + Artifact.JAR_PATH).output()).startsWith(Artifact.jar(jar).sha256());
        assertThat(Files.exists(staging)).as("staging file consumed").isFalse();
    }

    /**
     * A new TLS certificate takes effect as the certbot hook does it: SIGUSR2 to coturn (same PID, no restart), and the
     * TLS listener serves the new certificate. Put back afterwards the same way, so the other tests see the old one.
     */
    @Test
    void aNewCertificateReachesCoturnBySigusr2WithoutARestart() throws Exception {
        TestCertificates.Pem next = TestCertificates.selfSigned(dir, "turn-next", 0, 365);
        Path bundle = Files.writeString(dir.resolve("both.pem"), Files.readString(cert.cert())
                + Files.readString(next.cert()));
        int tlsPort = DeployFixture.stack(host, 10).ports().tls();
        X509Certificate nextCert = pem(next.cert());
        assertThat(served(bundle, tlsPort)).isEqualTo(pem(cert.cert()));
        long coturn = host.unitPid(COTURN);
        int before = host.systemctlLog().size();
        Deployer trustingBoth = new Deployer(DeployFixture.ssh(sshd, sshd.knownHosts(dir.resolve("kh"))),
                new Verification(TurnTarget.of(host.publicIp()).withTlsServerName("localhost").withCaFile(bundle),
                        Checks.allTransports(), Duration.ofSeconds(10)), progress::add);
        try {
            List<Artifact> files = new ArrayList<>(baseFiles());
            files.addAll(Artifact.certificate(Files.readAllBytes(next.cert()), Files.readAllBytes(next.key()),
                    "turnserver"));

            DeployResult r = trustingBoth.deploy(files, SECRET, false);

            assertThat(r.status()).as(why(r)).isEqualTo(Status.OK);
            assertThat(r.uploaded()).containsExactly("/etc/coturn/tls/fullchain.pem", "/etc/coturn/tls/privkey.pem");
            assertThat(r.steps()).containsExactly("signal USR2 coturn.service",
                    "try-restart turnkit-credentials.service");
            assertThat(DeployFixture.unitActions(host, before)).as("SIGUSR2, no restart")
                    .containsExactly("kill " + COTURN + " USR2");
            assertThat(host.unitPid(COTURN)).as("the same coturn process").isEqualTo(coturn);
            assertThat(host.stat("/etc/coturn/tls/privkey.pem")).isEqualTo("640 root:turnserver");
            assertThat(served(bundle, tlsPort)).as("coturn serves the new certificate").isEqualTo(nextCert);
        } finally {
            List<Artifact> old = new ArrayList<>(baseFiles());
            old.addAll(Artifact.certificate(Files.readAllBytes(cert.cert()), Files.readAllBytes(cert.key()),
                    "turnserver"));
            DeployResult back = trustingBoth.deploy(old, SECRET, false);
            assertThat(back.status()).as(why(back)).isEqualTo(Status.OK);
        }
        assertThat(served(bundle, tlsPort)).isEqualTo(pem(cert.cert()));
        assertThat(host.unitPid(COTURN)).isEqualTo(coturn);
    }

    static X509Certificate pem(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The certificate coturn's TLS listener presents at the public address (trusting the certificates in bundle). */
    static X509Certificate served(Path bundle, int port) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(bundle)) {
            int i = 0;
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("c" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host.publicIp(), port), 5000);
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /**
     * The stack's pinned release: the host downloads the jar itself over HTTPS from a server in the root namespace
     * ("the internet", trusted through the host's CA bundle) and deploy checks the SHA-256 on the host before the
     * swap. A wrong pin refuses with one line and swaps nothing; the right one installs it; a redeploy fetches
     * nothing.
     */
    @Test
    void aPinnedReleaseJarIsDownloadedByTheHostAndItsChecksumVerifiedBeforeTheSwap() throws Exception {
        byte[] jar = new byte[1 << 20];
        new SecureRandom().nextBytes(jar);
        String sha = Artifact.jar(jar).sha256();
        AtomicInteger downloads = new AtomicInteger();
        HttpsServer server = DeployFixture.releaseServer(host, jar, downloads);
        try {
            String url = "https://" + host.internetIp() + ":" + server.getAddress().getPort() + "/turnkit.jar";
            // the jar a previous test left (if any) must survive the refused one
            String jarBefore = host.sh("sha256sum " + Artifact.JAR_PATH + " 2>/dev/null; true").output();
            List<String> calls = host.systemctlLog();
            List<Artifact> wrongPin = new ArrayList<>(baseFiles());
            wrongPin.add(Artifact.jarRelease(url, "0".repeat(64)));

            assertThatThrownBy(() -> deployer().deploy(wrongPin, SECRET, false)).isInstanceOf(DeployException.class)
                    .hasMessageContaining(url).hasMessageContaining(sha).hasMessageContaining("0".repeat(64))
                    .hasMessageContaining("nothing was swapped").message().doesNotContain("\n");
            assertThat(downloads.get()).isEqualTo(1);
            assertThat(host.sh("sha256sum " + Artifact.JAR_PATH + " 2>/dev/null; true").output())
                    .as("nothing swapped").isEqualTo(jarBefore);
            assertThat(host.sh("ls -a /opt/turnkit/ 2>/dev/null; true").output()).doesNotContain("turnkit-new");
            assertThat(host.systemctlLog()).as("nothing applied").isEqualTo(calls);

            List<Artifact> pinned = new ArrayList<>(baseFiles());
            pinned.add(Artifact.jarRelease(url, sha));
            DeployResult r = deployer().deploy(pinned, SECRET, false);

            assertThat(r.status()).as(why(r)).isEqualTo(Status.OK);
            assertThat(r.uploaded()).containsExactly(Artifact.JAR_PATH);
            assertThat(host.sh("sha256sum " + Artifact.JAR_PATH).output()).startsWith(sha);
            assertThat(host.stat(Artifact.JAR_PATH)).isEqualTo("644 root:root");
            assertThat(downloads.get()).isEqualTo(2);

            DeployResult again = deployer().deploy(pinned, SECRET, false);
            assertThat(again.uploaded()).isEmpty();
            assertThat(downloads.get()).as("an installed release is not fetched again").isEqualTo(2);
        } finally {
            server.stop(0);
            host.sh("rm -f " + Artifact.JAR_PATH).orFail("remove the jar for the other tests");
        }
    }

    @Test
    void aDeployInterruptedAfterTheSwapIsRolledBackByTheNextOne() {
        String good = host.readFileOrNull(CONF);
        // what a deploy leaves when cut after the swap but before it verified: new file in place, journal present
        host.sh("cp -p " + CONF + " /var/lib/turnkit/deploy/prev" + CONF + " && sed -i 's/user-quota=10/"
                + "user-quota=99/' " + CONF + " && echo 'replace " + CONF + "' > /var/lib/turnkit/deploy/journal")
                .orFail("simulate an interrupted deploy");

        DeployResult r = deployer().deploy(baseFiles(), SECRET, false);

        assertThat(r.status()).as(why(r)).isEqualTo(Status.OK);
        assertThat(r.repaired()).isTrue();
        assertThat(host.readFileOrNull(CONF)).isEqualTo(good);
        assertThat(host.readFileOrNull("/var/lib/turnkit/deploy/journal")).isNull();
    }

    @Test
    void aDryRunShowsAMaskedDiffAndWritesNothing() {
        List<String> calls = host.systemctlLog();
        String good = host.readFileOrNull(CONF);
        String other = "another-secret-value-0123456789";

        DeployResult r = deployer().deploy(DeployFixture.files(DeployFixture.stack(host, 40), List.of(other)), other, true);

        assertThat(r.diff()).contains("-user-quota=10", "+user-quota=40",
                "secret /etc/turnkit/turn-secret changes (value not shown)")
                .as("turnserver.conf carries no secret: coturn reads them from its userdb")
                .doesNotContain("static-auth-secret");
        assertThat(r.diff()).doesNotContain(SECRET).doesNotContain(other);
        assertThat(r.uploaded()).contains(CONF, "/etc/turnkit/turn-secret");
        assertThat(host.readFileOrNull(CONF)).isEqualTo(good);
        assertThat(host.systemctlLog()).isEqualTo(calls);
        assertThat(host.sh("ls -a /etc/ /etc/turnkit/").output()).doesNotContain("turnkit-new");
    }
}
