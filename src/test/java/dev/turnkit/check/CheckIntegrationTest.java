package dev.turnkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.testsupport.CoturnConfigs;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks against real coturn 4.6.1 on loopback, healthy and broken in the ways operators break it. */
class CheckIntegrationTest {
    static final String SECRET = "integration-secret";
    /**
     * A generous deadline for servers that answer: it bounds the run, it is not a speed claim (the machine running
     * the tests may be busy). The down-server test uses the CLI default instead.
     */
    static final Duration ANSWERING = Duration.ofSeconds(15);
    @TempDir
    Path dir;

    static TurnTarget target(CoturnServer turn, String secret, Path caFile) {
        return TurnTarget.of(turn.host()).withPort(turn.port()).withTlsPort(turn.tlsPort())
                .withTlsServerName("localhost").withCaFile(caFile)
                .withCredentials(CredentialSource.restSecret(secret.getBytes(StandardCharsets.UTF_8)));
    }

    static CoturnServer.Builder healthy(TestCertificates.Pem cert) {
        return CoturnServer.builder().secret(SECRET).ipv6().tls(cert)
                .lines(CoturnConfigs.hardenedPeerRules())
                .lines(CoturnConfigs.loopbackEchoException("127.0.0.2"))
                .line("no-software-attribute");
    }

    static CheckResult result(CheckReport report, String name, String transport) {
        return report.results().stream().filter(r -> r.name().equals(name) && r.transport().equals(transport))
                .findFirst().orElseThrow(() -> new AssertionError("no result " + name + "/" + transport + " in "
                        + report));
    }

    static String describe(CheckReport report, CoturnServer turn) {
        return report.results().stream().map(r -> r.name() + "/" + r.transport() + " " + r.status() + " "
                + r.detail()).collect(Collectors.joining("\n")) + "\n--- coturn ---\n" + turn.logTail();
    }

    @Test
    void aHealthyHardenedServerPassesEveryCheck() {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (CoturnServer turn = healthy(cert).start()) {
            CheckReport report = new CheckRunner(ANSWERING)
                    .run(Checks.suite(target(turn, SECRET, cert.cert()), Checks.ALL, Checks.allTransports()));

            assertThat(report.results()).as("2 bindings, 3 allocations, echo, auth, sweep, certificate").hasSize(9);
            assertThat(report.status()).as("a healthy hardened server is OK:\n" + describe(report, turn))
                    .isEqualTo(Status.OK);
            assertThat(result(report, Checks.RELAY_ECHO, "udp").detail()).contains("10/10 echoed", "p50", "p95");
            assertThat(result(report, Checks.PEER_DENY_SWEEP, "udp").detail())
                    .contains("all " + PeerTargets.standard(List.of()).stream().filter(t -> !t.allowControl()).count()
                            + " forbidden targets refused", "3 allow controls accepted");
            assertThat(result(report, Checks.TLS_CERTIFICATE, "tls").detail()).contains("chain trusted");
        }
    }

    @Test
    void aDifferentSecretFailsAllocationWithTheLikelyCause() {
        try (CoturnServer turn = CoturnServer.builder().secret("the-server-has-another-secret").start()) {
            CheckReport report = new CheckRunner(ANSWERING).run(Checks.suite(target(turn, SECRET, null),
                    List.of(Checks.STUN_BINDING, Checks.TURN_ALLOCATE, Checks.AUTH_REQUIRED), Set.of(Transport.UDP)));

            CheckResult allocate = result(report, Checks.TURN_ALLOCATE, "udp");
            assertThat(allocate.status()).isEqualTo(Status.CRITICAL);
            assertThat(allocate.detail()).as("the detail names the likely cause")
                    .contains("401", "server not in use-auth-secret mode or secrets differ");
            assertThat(result(report, Checks.STUN_BINDING, "udp").status()).as("STUN needs no credentials")
                    .isEqualTo(Status.OK);
            assertThat(result(report, Checks.AUTH_REQUIRED, "udp").status()).isEqualTo(Status.OK);
            assertThat(report.status()).isEqualTo(Status.CRITICAL);
            assertThat(report.results()).as("no detail contains the secret")
                    .allSatisfy(r -> assertThat(r.detail()).doesNotContain(SECRET));
        }
    }

    @Test
    void withoutADenyListTheSweepIsCriticalAndNamesTheTargets() {
        try (CoturnServer turn = CoturnServer.builder().secret(SECRET).ipv6().start()) {
            CheckReport report = new CheckRunner(ANSWERING).run(List.of(
                    Checks.peerDenySweep(target(turn, SECRET, null), Transport.UDP, List.of())));

            CheckResult sweep = report.results().get(0);
            assertThat(sweep.status()).as(describe(report, turn)).isEqualTo(Status.CRITICAL);
            assertThat(sweep.detail()).contains("internal peer(s) ACCEPTED", "10.0.0.1", "169.254.169.254",
                    "192.168.1.1", "::ffff:127.0.0.1", "fd00::1", "CVE-2026-27624",
                    "(RFC 1918 private; fix: denied-peer-ip=10.0.0.0-10.255.255.255)",
                    "unrouted (hygiene) peer(s) accepted");
            assertThat(sweep.detail()).as("the built-in loopback ban still refuses 127.0.0.1")
                    .doesNotContain(" 127.0.0.1,");
        }
    }

    @Test
    void aDenyListMissingOnlyTheUnroutedHygieneRangesIsAWarningNamingTheFix() {
        List<String> withoutTestNets = CoturnConfigs.hardenedPeerRules().stream()
                .filter(l -> !l.contains("192.0.2.0") && !l.contains("198.51.100.0") && !l.contains("203.0.113.0"))
                .toList();
        try (CoturnServer turn = CoturnServer.builder().secret(SECRET).ipv6().lines(withoutTestNets).start()) {
            CheckReport report = new CheckRunner(ANSWERING).run(List.of(
                    Checks.peerDenySweep(target(turn, SECRET, null), Transport.UDP, List.of())));

            CheckResult sweep = report.results().get(0);
            assertThat(sweep.status()).as("TEST-NETs reach nothing internal: " + describe(report, turn))
                    .isEqualTo(Status.WARNING);
            assertThat(sweep.detail()).contains("6 unrouted (hygiene) peer(s) accepted, nothing internal",
                    "198.51.100.1, 198.51.100.254 (documentation TEST-NET-2 (RFC 5737); fix: "
                            + "denied-peer-ip=198.51.100.0-198.51.100.255)");
        }
    }

    @Test
    void relayEchoIsCriticalWhenTheDenyListCoversTheRelayAddress() {
        try (CoturnServer turn = CoturnServer.builder().secret(SECRET).lines(CoturnConfigs.hardenedPeerRules())
                .start()) {
            CheckReport report = new CheckRunner(ANSWERING)
                    .run(List.of(Checks.relayEcho(target(turn, SECRET, null), Transport.UDP, 5)));
            CheckResult echo = report.results().get(0);
            assertThat(echo.status()).isEqualTo(Status.CRITICAL);
            assertThat(echo.detail()).contains("refused (403)", "deny list covers the relay address");
        }
    }

    /**
     * A check that ends early still deletes its allocations: with {@code total-quota=2}, a relay-echo that stops at
     * the refused ChannelBind would otherwise hold both allocations for their lifetime (600 s), and every later run
     * would get 486 (Allocation Quota Reached) instead of the same verdict. coturn frees a deleted allocation's quota
     * asynchronously, so a later run may see 486 for a moment: it must get the verdict again within 10 s.
     */
    @Test
    void aCheckThatEndsEarlyReleasesItsAllocations() throws InterruptedException {
        try (CoturnServer turn = CoturnServer.builder().secret(SECRET).lines(CoturnConfigs.hardenedPeerRules())
                .line("total-quota=2").start()) {
            for (int run = 1; run <= 3; run++) {
                long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                String detail;
                do {
                    detail = new CheckRunner(ANSWERING).run(List.of(Checks.relayEcho(target(turn, SECRET, null),
                            Transport.UDP, 5))).results().get(0).detail();
                    if (!detail.contains("486") || System.nanoTime() > giveUp) {
                        break;
                    }
                    Thread.sleep(250);
                } while (true);
                assertThat(detail).as("run " + run + "\n--- coturn ---\n" + turn.logTail())
                        .contains("refused (403)").doesNotContain("486");
            }
        }
    }

    @Test
    void anOpenRelayIsCritical() {
        try (CoturnServer turn = CoturnServer.builder().secret(null).start()) {
            CheckReport report = new CheckRunner(ANSWERING)
                    .run(List.of(Checks.authRequired(target(turn, SECRET, null), Transport.UDP)));
            assertThat(report.results().get(0).status()).isEqualTo(Status.CRITICAL);
            assertThat(report.results().get(0).detail()).contains("open relay");
        }
    }

    @Test
    void aStoppedServerIsCriticalWithin3Seconds() {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        CoturnServer turn = healthy(cert).start();
        TurnTarget target = target(turn, SECRET, cert.cert());
        turn.close();

        CheckReport report = new CheckRunner(Duration.ofSeconds(2))
                .run(Checks.suite(target, Checks.ALL, Checks.allTransports()));

        assertThat(report.status()).isEqualTo(Status.CRITICAL);
        assertThat(report.results()).as("every check is CRITICAL and says nothing is listening")
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(Status.CRITICAL);
                    assertThat(r.detail()).containsAnyOf("refused", "no answer");
                });
        assertThat(report.duration()).as("a down server is CRITICAL within 3 s (issue 2)")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void tlsCertificateVerdicts() {
        TestCertificates.Pem expired = TestCertificates.selfSigned(dir, "expired", -40, 10);
        try (CoturnServer turn = healthy(expired).start()) {
            CheckResult r = runTls(turn, expired.cert(), "localhost");
            assertThat(r.status()).isEqualTo(Status.CRITICAL);
            assertThat(r.detail()).contains("expired", "days ago");
        }
        TestCertificates.Pem soon = TestCertificates.selfSigned(dir, "soon", 0, 10);
        try (CoturnServer turn = healthy(soon).start()) {
            CheckResult r = runTls(turn, soon.cert(), "localhost");
            assertThat(r.status()).as("10 days left is a WARNING: " + r.detail()).isEqualTo(Status.WARNING);
            assertThat(r.detail()).contains("(9 days)");

            CheckResult untrusted = runTls(turn, null, "localhost");
            assertThat(untrusted.status()).isEqualTo(Status.CRITICAL);
            assertThat(untrusted.detail()).contains("not trusted", "--ca-file");

            CheckResult wrongName = runTls(turn, soon.cert(), "turn.example.org");
            assertThat(wrongName.status()).isEqualTo(Status.CRITICAL);
            assertThat(wrongName.detail()).contains("does not name turn.example.org");

            CheckResult allocateOverTls = new CheckRunner(ANSWERING).run(List.of(Checks.turnAllocate(
                    target(turn, SECRET, soon.cert()), Transport.TLS))).results().get(0);
            assertThat(allocateOverTls.status()).as(allocateOverTls.detail()).isEqualTo(Status.OK);
        }
    }

    @Test
    void caIssuedCertificatesAreVerifiedAsAChain() {
        TestCertificates.Issued valid = TestCertificates.caSigned(dir, "valid", 0, 90);
        try (CoturnServer turn = healthy(valid.leaf()).start()) {
            CheckResult r = runTls(turn, valid.ca(), "localhost");
            assertThat(r.status()).as(r.detail()).isEqualTo(Status.OK);
            assertThat(r.detail()).contains("chain trusted", "(89 days)");
        }
        TestCertificates.Issued expired = TestCertificates.caSigned(dir, "expired", -40, 10);
        try (CoturnServer turn = healthy(expired.leaf()).start()) {
            CheckResult r = runTls(turn, expired.ca(), "localhost");
            assertThat(r.status()).isEqualTo(Status.CRITICAL);
            assertThat(r.detail()).as("PKIX refuses the expired leaf; the check still dates it")
                    .contains("certificate expired", "(30 days ago)");
        }
    }

    private static CheckResult runTls(CoturnServer turn, Path caFile, String serverName) {
        TurnTarget t = target(turn, SECRET, caFile).withTlsServerName(serverName);
        return new CheckRunner(ANSWERING).run(List.of(Checks.tlsCertificate(t))).results().get(0);
    }
}
