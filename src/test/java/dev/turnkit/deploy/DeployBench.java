package dev.turnkit.deploy;

import static dev.turnkit.deploy.DeployFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.Status;
import dev.turnkit.testsupport.HostSshd;
import dev.turnkit.testsupport.SimulatedHost;
import dev.turnkit.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark (not a test; run with {@code bench/deploy/run.sh}): against the simulated host, medians of 10 of
 * (a) a no-change redeploy, (b) a changed-quota deploy including the production check, and the peer in the same
 * run: (c) {@code scp} of the same files + {@code ssh ... install && systemctl restart coturn} with OpenSSH.
 */
@EnabledIfSystemProperty(named = "turnkit.bench", matches = "true")
class DeployBench {
    static final int RUNS = 10;
    @TempDir
    Path dir;

    @Test
    void bench() throws Exception {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (SimulatedHost host = DeployFixture.startHost(cert)) {
            HostSshd sshd = host.startSshd();
            Path kh = sshd.knownHosts(dir.resolve("known_hosts"));
            Deployer deployer = new Deployer(DeployFixture.ssh(sshd, kh), DeployFixture.verification(host, cert),
                    l -> { });
            List<Artifact> a = DeployFixture.files(DeployFixture.stack(host, 10), List.of(SECRET));
            List<Artifact> b = DeployFixture.files(DeployFixture.stack(host, 11), List.of(SECRET));
            assertThat(deployer.deploy(a, SECRET, false).status()).isEqualTo(Status.OK);
            long[] noChange = new long[RUNS];
            long[] change = new long[RUNS];
            long[] peer = new long[RUNS];
            List<String> ssh = List.of("ssh", "-i", sshd.identity().toString(), "-o", "UserKnownHostsFile=" + kh,
                    "-o", "BatchMode=yes", "root@" + sshd.address());
            List<Artifact> cur = a;
            for (int i = 0; i < RUNS; i++) {
                long t = System.nanoTime();
                DeployResult r = deployer.deploy(cur, SECRET, false);
                noChange[i] = System.nanoTime() - t;
                assertThat(r.uploaded()).isEmpty();

                List<Artifact> next = cur == a ? b : a;
                t = System.nanoTime();
                r = deployer.deploy(next, SECRET, false);
                change[i] = System.nanoTime() - t;
                assertThat(r.status()).isEqualTo(Status.OK);
                assertThat(r.uploaded()).hasSize(1);
                cur = next;

                // the peer copies the same (current) files and restarts coturn: the host ends where it was
                List<List<String>> peerCommands = peer(cur, ssh, sshd, kh, dir.resolve("peer" + i));
                t = System.nanoTime();
                for (List<String> c : peerCommands) {
                    run(c);
                }
                peer[i] = System.nanoTime() - t;
            }
            String load = Files.readString(Path.of("/proc/loadavg")).strip();
            System.out.printf("deploy bench (%d runs, load %s)%n", RUNS, load);
            System.out.printf("no-change redeploy         median %6d ms  runs %s%n", median(noChange), ms(noChange));
            System.out.printf("change + verify (check)    median %6d ms  runs %s%n", median(change), ms(change));
            System.out.printf("peer scp + ssh restart     median %6d ms  runs %s%n", median(peer), ms(peer));
            System.out.printf("ratio change+verify / peer %.2f%n", (double) median(change) / median(peer));
        }
    }

    /** mkdir over ssh, one scp of every file, one ssh that installs them (owner, mode) and restarts coturn. */
    static List<List<String>> peer(List<Artifact> files, List<String> ssh, HostSshd sshd, Path kh, Path local)
            throws Exception {
        Files.createDirectories(local);
        StringBuilder install = new StringBuilder("set -e; ");
        List<String> scp = new ArrayList<>(List.of("scp", "-q", "-i", sshd.identity().toString(), "-o",
                "UserKnownHostsFile=" + kh, "-o", "BatchMode=yes"));
        for (Artifact f : files) {
            Path p = local.resolve(f.path().substring(1).replace('/', '_'));
            Files.write(p, f.content());
            scp.add(p.toString());
            String[] owner = f.owner().split(":");
            install.append("install -D -m ").append(f.mode()).append(" -o ").append(owner[0]).append(" -g ")
                    .append(owner[1]).append(" /var/lib/tkdp-stage/").append(p.getFileName()).append(' ')
                    .append(f.path()).append("; ");
        }
        install.append("systemctl restart coturn.service");
        scp.add("root@" + sshd.address() + ":/var/lib/tkdp-stage/");
        List<String> mkdir = new ArrayList<>(ssh);
        mkdir.add("mkdir -p /var/lib/tkdp-stage");
        List<String> apply = new ArrayList<>(ssh);
        apply.add(install.toString());
        return List.of(mkdir, scp, apply);
    }

    static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + ": " + new String(out)).isZero();
    }

    static long median(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return (s[(s.length - 1) / 2] + s[s.length / 2]) / 2 / 1_000_000;
    }

    static String ms(long[] ns) {
        return Arrays.toString(Arrays.stream(ns).map(n -> n / 1_000_000).toArray());
    }
}
