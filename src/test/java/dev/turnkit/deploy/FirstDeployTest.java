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

/** A fresh simulated host: the first deploy uploads every file, a second one nothing. */
class FirstDeployTest {
    @TempDir
    Path dir;

    @Test
    void firstDeployUploadsEverythingAndASecondUploadsNothing() {
        TestCertificates.Pem cert = TestCertificates.selfSigned(dir, "turn", 0, 365);
        List<String> progress = new ArrayList<>();
        try (SshHost host = SshHost.start(cert)) {
            List<Artifact> files = DeployFixture.files(DeployFixture.stack(10), List.of(SECRET));
            Deployer deployer = new Deployer(DeployFixture.ssh(host, host.knownHosts(dir.resolve("known_hosts"))),
                    DeployFixture.verification(cert), progress::add);

            DeployResult first = deployer.deploy(files, SECRET, false);

            assertThat(first.status()).as(first.message() + "\n" + progress + "\n" + host.coturnLog())
                    .isEqualTo(Status.OK);
            assertThat(first.uploaded()).hasSize(files.size()).hasSize(9);
            assertThat(host.file("/etc/turnserver.conf")).contains("user-quota=10", "static-auth-secret=" + SECRET);
            assertThat(host.stat("/etc/turnserver.conf")).isEqualTo("640 root:turnserver");
            assertThat(host.stat("/etc/turnkit/turn-secret")).isEqualTo("600 root:root");
            assertThat(host.stat("/usr/local/sbin/turnkit-firewall")).isEqualTo("755 root:root");
            assertThat(host.systemctlCalls()).containsOnlyOnce("restart coturn.service")
                    .contains("daemon-reload", "try-restart turnkit-credentials.service");
            assertThat(host.exec("iptables -S INPUT")).as("the firewall script ran on the host")
                    .contains("turnkit: ");
            assertThat(first.check().status()).isEqualTo(Status.OK);
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
            // the string DeployCommandTest asserts absent after a refused host key
            assertThat(host.sshdLog()).contains("subsystem 'sftp'", "Accepted publickey");
        }
    }
}
