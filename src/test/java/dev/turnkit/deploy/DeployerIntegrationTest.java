package dev.turnkit.deploy;

import static dev.turnkit.deploy.DeployFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.Status;
import dev.turnkit.testsupport.SshHost;
import dev.turnkit.testsupport.TestCertificates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploys to a simulated host through real OpenSSH and verifies against the real coturn it restarts. */
class DeployerIntegrationTest {
    @TempDir
    Path dir;
    final List<String> progress = new ArrayList<>() {
        @Override
        public boolean add(String line) {
            System.err.println(java.time.LocalTime.now() + " deploy: " + line);
            return super.add(line);
        }
    };

    Deployer deployer(SshHost host, TestCertificates.Pem cert) {
        return new Deployer(DeployFixture.ssh(host, host.knownHosts(dir.resolve("known_hosts"))),
                DeployFixture.verification(cert), progress::add);
    }

    String why(SshHost host, DeployResult r) {
        return r.message() + "\n" + String.join("\n", progress) + "\n--- coturn ---\n" + host.coturnLog();
    }

    @Test
    void firstDeployUploadsEverythingAndASecondUploadsNothing() {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        try (SshHost host = SshHost.start(cert)) {
            List<Artifact> files = DeployFixture.files(DeployFixture.stack(10), List.of(SECRET));
            Deployer deployer = deployer(host, cert);

            DeployResult first = deployer.deploy(files, SECRET, false);

            assertThat(first.status()).as(why(host, first)).isEqualTo(Status.OK);
            assertThat(first.uploaded()).hasSize(files.size());
            assertThat(host.file("/etc/turnserver.conf")).contains("user-quota=10", "static-auth-secret=" + SECRET);
            assertThat(host.stat("/etc/turnserver.conf")).isEqualTo("640 root:turnserver");
            assertThat(host.stat("/etc/turnkit/turn-secret")).isEqualTo("600 root:root");
            assertThat(host.stat("/usr/local/sbin/turnkit-firewall")).isEqualTo("755 root:root");
            assertThat(host.systemctlCalls()).containsOnlyOnce("restart coturn.service");
            assertThat(host.coturnRunning()).isTrue();
            List<String> callsAfterFirst = host.systemctlCalls();
            long coturn = host.coturnPid();

            DeployResult second = deployer.deploy(files, SECRET, false);

            assertThat(second.status()).isEqualTo(Status.OK);
            assertThat(second.uploaded()).as("nothing changed, nothing uploaded").isEmpty();
            assertThat(second.unchanged()).hasSize(files.size());
            assertThat(second.steps()).isEmpty();
            assertThat(host.systemctlCalls()).as("nothing restarted").isEqualTo(callsAfterFirst);
            assertThat(host.coturnPid()).isEqualTo(coturn);
        }
    }
}
