package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsServer;
import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.Status;
import dev.turnkit.check.Transport;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.credentials.TurnRestCredentials;
import dev.turnkit.deploy.DeployFixture;
import dev.turnkit.testsupport.HostSshd;
import dev.turnkit.testsupport.RelayedCall;
import dev.turnkit.testsupport.SimulatedHost;
import dev.turnkit.testsupport.TestCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code turnkit deploy} end to end through Main.run against the simulated host (real OpenSSH, real coturn): host key
 * policy, first contact, JSON summary, dry run, secret rotation, bad input.
 */
class DeployCommandTest {
    static final String SECRET = "cli-deploy-secret-0123456789abcdef";
    /**
     * Room for every check these tests run against one coturn: a deploy that changes only files coturn does not read
     * (the bootstrap script differs between the stacks here) does not restart it, and UDP allocations of earlier
     * checks count against user-quota until their lifetime ends.
     */
    static final int QUOTA = 100;
    /** The example stack's TURN port (turnkit:listeningPort). */
    static final int PORT = 3478;
    @TempDir
    static Path dir;
    static SimulatedHost host;
    static HostSshd sshd;
    static TestCertificates.Pem cert;
    static Path stacks;
    static Path secretFile;

    @BeforeAll
    static void start() throws Exception {
        cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        host = DeployFixture.startHost(cert);
        sshd = host.startSshd();
        stacks = Files.createDirectories(dir.resolve("stacks"));
        writeStack(QUOTA);
        secretFile = dir.resolve(".turnkit/dev/turn-secret");
        Files.createDirectories(secretFile.getParent());
        Files.writeString(secretFile, SECRET + "\n");
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    static void writeStack(int quota) throws Exception {
        Files.writeString(stacks.resolve("Pulumi.dev.yaml"), DeployFixture.stackYaml(host, quota));
    }

    record Run(int code, String out, String err) {
    }

    static Run deploy(Path knownHosts, String... extra) {
        List<String> flags = new ArrayList<>(List.of("--identity", sshd.identity().toString(), "--known-hosts",
                knownHosts.toString()));
        flags.addAll(List.of(extra));
        return run("dev", flags);
    }

    /** {@code turnkit deploy --stack STACK} to the host, trusting the test certificate, plus {@code flags}. */
    static Run run(String stack, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("deploy", "--stack", stack, "--stacks-dir", stacks.toString(),
                "--host", sshd.address(), "--ca-file", cert.cert().toString(), "--tls-server-name", "localhost",
                "--timeout", "30s"));
        args.addAll(flags);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    static CheckReport allocate(CredentialSource credentials) {
        TurnTarget target = TurnTarget.of(host.publicIp()).withCredentials(credentials);
        return new CheckRunner(Duration.ofSeconds(15)).run(List.of(Checks.turnAllocate(target, Transport.UDP)));
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintBeforeAnySftpSession() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
        int logBefore = sshd.log().length();

        Run r = deploy(empty);

        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("unknown", sshd.hostKeyFingerprint(), "--accept-new-host-key");
        String log = sshd.log().substring(logBefore);
        assertThat(log).contains("Connection from").doesNotContain("Accepted publickey")
                .doesNotContain("subsystem 'sftp'");
        assertThat(Files.readString(empty)).as("nothing recorded without --accept-new-host-key").isEmpty();
    }

    @Test
    void aChangedOrWronglyPinnedHostKeyIsRefused() throws Exception {
        String otherKey = Files.readString(Path.of(sshd.identity() + ".pub")).strip();
        Path wrong = Files.writeString(dir.resolve("wrong_known_hosts"), sshd.address() + " " + otherKey + "\n");
        int logBefore = sshd.log().length();

        Run changed = deploy(wrong);
        Run pinned = deploy(sshd.knownHosts(dir.resolve("kh_pinned")), "--host-key-fingerprint",
                "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Run acceptDoesNotOverrideAChange = deploy(wrong, "--accept-new-host-key");

        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("CHANGED", sshd.hostKeyFingerprint());
        assertThat(pinned.code()).isEqualTo(2);
        assertThat(pinned.err()).contains("pinned", sshd.hostKeyFingerprint());
        assertThat(acceptDoesNotOverrideAChange.code()).isEqualTo(2);
        assertThat(sshd.log().substring(logBefore)).doesNotContain("subsystem 'sftp'")
                .doesNotContain("Accepted publickey");
    }

    @Test
    void firstContactRecordsTheKeyThenJsonThenADryRunThatWritesNothing() throws Exception {
        Path kh = dir.resolve("first_known_hosts");

        Run first = deploy(kh, "--accept-new-host-key", "--json");

        assertThat(first.code()).as(first.err()).isEqualTo(0);
        assertThat(Files.readString(kh)).contains(sshd.address(), "ssh-ed25519");
        JsonNode json = new ObjectMapper().readTree(first.out());
        assertThat(json.get("status").asText()).isEqualTo("OK");
        assertThat(first.err()).contains("deploy: connecting", "deploy: compared");

        Run again = deploy(kh, "--json");
        JsonNode json2 = new ObjectMapper().readTree(again.out());
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        assertThat(json2.get("uploaded")).isEmpty();
        assertThat(json2.get("steps")).isEmpty();

        writeStack(20);
        try {
            String conf = host.readFile("/etc/turnserver.conf");
            List<String> calls = host.systemctlLog();
            Run dry = deploy(kh, "--dry-run");
            assertThat(dry.code()).as(dry.err()).isEqualTo(0);
            assertThat(dry.out()).contains("+user-quota=20", "-user-quota=").doesNotContain(SECRET);
            assertThat(host.readFile("/etc/turnserver.conf")).isEqualTo(conf);
            assertThat(host.systemctlLog()).isEqualTo(calls);
        } finally {
            writeStack(QUOTA);
        }
    }

    @Test
    void rotationKeepsOldCredentialsWorkingUntilTheTtlAndThenOnlyTheNewSecretWorksWithoutDroppingACall()
            throws Exception {
        Path kh = sshd.knownHosts(dir.resolve("rotate_known_hosts"));
        Run base = deploy(kh);
        assertThat(base.code()).as(base.err()).isIn(0);
        String old = Files.readString(secretFile).strip();
        int logBefore = host.systemctlLog().size();
        long coturnPid = host.unitPid(DeployFixture.COTURN);
        TurnRestCredentials before = TurnRestCredentials.issue(old.getBytes(StandardCharsets.UTF_8), "alice",
                Duration.ofSeconds(60), Instant.now());
        // a call in progress: two allocations made with the old secret before the rotation, relaying to each other
        TurnRestCredentials caller = TurnRestCredentials.issue(old.getBytes(StandardCharsets.UTF_8), "caller",
                Duration.ofSeconds(60), Instant.now());
        try (RelayedCall call = RelayedCall.start(new InetSocketAddress(host.publicIp(), PORT), caller.username(),
                caller.password())) {
            call.exchange();

            CompletableFuture<Run> rotation = CompletableFuture.supplyAsync(() -> deploy(kh, "--rotate-secret"));
            int exchanges = 0;
            boolean checkedDuring = false;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!rotation.isDone() && System.nanoTime() < end) {
                // the call keeps going all along: Refresh + CreatePermission with the old credential, data both ways
                try {
                    call.keepAlive();
                    call.exchange();
                } catch (Exception e) {
                    throw new AssertionError("the call dropped during the rotation after " + exchanges
                            + " exchanges: " + e + "\n" + host.unitOutput(DeployFixture.COTURN), e);
                }
                exchanges++;
                if (!checkedDuring && !Files.readString(secretFile).strip().equals(old)) {
                    // step 1 is verified and the new secret saved locally: both are deployed while it waits the TTL
                    assertThat(host.readFileOrNull("/etc/turnkit/turn-secret.previous")).isEqualTo(old + "\n");
                    CheckReport during = allocate(CredentialSource.fixed(before.username(), before.password()));
                    assertThat(during.status()).as("a credential issued before the rotation allocates during it: "
                            + during).isEqualTo(Status.OK);
                    assertThat(rotation.isDone()).as("rotation still waiting for the TTL").isFalse();
                    checkedDuring = true;
                }
                Thread.sleep(2000);
            }
            Run r = rotation.get(60, TimeUnit.SECONDS);

            assertThat(r.code()).as(r.err()).isEqualTo(0);
            assertThat(r.out() + r.err()).doesNotContain(Files.readString(secretFile).strip()).doesNotContain(old);
            assertThat(checkedDuring).as("the test saw the both-secrets phase").isTrue();
            assertThat(exchanges).as("the call relayed throughout the rotation (about 65 s)").isGreaterThan(20);
            call.keepAlive();
            call.exchange();
            assertThat(host.unitPid(DeployFixture.COTURN)).as("coturn was never restarted").isEqualTo(coturnPid);
            assertThat(DeployFixture.unitActions(host, logBefore)).as("no coturn restart, reload or signal")
                    .noneMatch(l -> l.endsWith(" coturn.service"));
            assertThat(r.err()).contains("apply: run /usr/local/sbin/turnkit-sync-secrets",
                    "coturn kept running throughout (pid " + coturnPid + ")");
        }
        String fresh = Files.readString(secretFile).strip();
        assertThat(fresh).isNotEqualTo(old);
        assertThat(host.readFileOrNull("/etc/turnkit/turn-secret")).isEqualTo(fresh + "\n");
        assertThat(host.readFileOrNull("/etc/turnkit/turn-secret.previous")).isNull();
        assertThat(host.readFileOrNull("/etc/turnserver.conf")).as("no secret in coturn's config").doesNotContain(old)
                .doesNotContain(fresh);
        assertThat(allocate(CredentialSource.restSecret(old.getBytes(StandardCharsets.UTF_8))).status())
                .as("the old secret is refused").isEqualTo(Status.CRITICAL);
        assertThat(allocate(CredentialSource.restSecret(fresh.getBytes(StandardCharsets.UTF_8))).status())
                .isEqualTo(Status.OK);
        Run again = deploy(kh, "--json");
        assertThat(again.code()).as(again.err()).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(again.out()).get("uploaded")).as("nothing left over").isEmpty();
    }

    /** Deploys stack {@code name} with only the non-SSH flags: the SSH settings come from the stack file. */
    static Run deployStack(String name, String yamlExtra, String... flags) throws Exception {
        Files.writeString(stacks.resolve("Pulumi." + name + ".yaml"), DeployFixture.stackYaml(host, QUOTA)
                .replace("config:\n", "config:\n" + yamlExtra));
        return run(name, List.of(flags));
    }

    @Test
    void sshSettingsComeFromTheStackAndFlagsOverrideThem() throws Exception {
        sshd.knownHosts(dir.resolve("project_known_hosts"));
        String fromStack = "  turnkit:sshUser: root\n  turnkit:sshPort: 22\n  turnkit:sshIdentityFile: "
                + sshd.identity() + "\n  turnkit:sshKnownHostsFile: project_known_hosts\n";
        String wrongPin = "  turnkit:sshHostKeyFingerprint: SHA256:" + "A".repeat(43) + "\n";

        Run stackOnly = deployStack("sshcfg", fromStack);
        Run pinnedWrong = deployStack("sshcfg", fromStack + wrongPin);
        Run pinOverridden = deployStack("sshcfg", fromStack + wrongPin, "--host-key-fingerprint",
                sshd.hostKeyFingerprint());
        Run wrongPort = deployStack("sshcfg", fromStack.replace("sshPort: 22", "sshPort: 2222"));
        Run portOverridden = deployStack("sshcfg", fromStack.replace("sshPort: 22", "sshPort: 2222"), "--ssh-port",
                "22");
        Run userOverridden = deployStack("sshcfg", fromStack.replace("sshUser: root", "sshUser: nobody"), "--user",
                "root");

        assertThat(stackOnly.code()).as("identity and relative known_hosts from the stack: " + stackOnly.err())
                .isEqualTo(0);
        assertThat(stackOnly.err()).contains("root@" + sshd.address() + ":22", "project_known_hosts");
        assertThat(pinnedWrong.code()).isEqualTo(2);
        assertThat(pinnedWrong.err()).contains("pinned", sshd.hostKeyFingerprint());
        assertThat(pinOverridden.code()).as(pinOverridden.err()).isEqualTo(0);
        assertThat(wrongPort.code()).isEqualTo(2);
        assertThat(wrongPort.err()).contains(sshd.address() + ":2222");
        assertThat(portOverridden.code()).as(portOverridden.err()).isEqualTo(0);
        assertThat(userOverridden.code()).as(userOverridden.err()).isEqualTo(0);
        assertThat(userOverridden.err()).contains("root@" + sshd.address());
    }

    @Test
    void aStackThatPinsAReleaseHasTheHostFetchTheJarAndAWrongChecksumFailsInOneLine() throws Exception {
        byte[] jar = new byte[256 << 10];
        new java.security.SecureRandom().nextBytes(jar);
        String sha = dev.turnkit.deploy.Artifact.jar(jar).sha256();
        AtomicInteger downloads = new AtomicInteger();
        HttpsServer server = DeployFixture.releaseServer(host, jar, downloads);
        Path kh = sshd.knownHosts(dir.resolve("release_known_hosts"));
        String url = "https://" + host.internetIp() + ":" + server.getAddress().getPort() + "/turnkit.jar";
        String pinWrong = "  turnkit:turnkitJarUrl: " + url + "\n  turnkit:turnkitJarSha256: \"" + "0".repeat(64)
                + "\"\n  turnkit:sshIdentityFile: " + sshd.identity() + "\n  turnkit:sshKnownHostsFile: " + kh + "\n";
        try {
            String jarBefore = host.sh("sha256sum /opt/turnkit/turnkit.jar 2>/dev/null; true").output();

            Run wrong = deployStack("release", pinWrong);

            assertThat(wrong.code()).as(wrong.err()).isEqualTo(2);
            String last = wrong.err().strip().lines().reduce((a, b) -> b).orElseThrow();
            assertThat(last).as("one line naming both checksums").contains(url, sha, "0".repeat(64),
                    "nothing was swapped");
            assertThat(host.sh("sha256sum /opt/turnkit/turnkit.jar 2>/dev/null; true").output()).isEqualTo(jarBefore);

            Run right = deployStack("release", pinWrong.replace("0".repeat(64), sha));

            assertThat(right.code()).as(right.err()).isEqualTo(0);
            assertThat(host.sh("sha256sum /opt/turnkit/turnkit.jar").output()).startsWith(sha);
            assertThat(downloads.get()).isEqualTo(2);
        } finally {
            server.stop(0);
            host.sh("rm -f /opt/turnkit/turnkit.jar").orFail("remove the test jar");
        }
    }

    @Test
    void aMissingStackIsBadInputAndSendsNothing() {
        int logBefore = sshd.log().length();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "deploy", "--stack", "nope", "--stacks-dir",
                stacks.toString(), "--host", sshd.address());
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("nope").doesNotContain("Exception");
        assertThat(sshd.log().substring(logBefore)).doesNotContain("Connection from");
    }
}
