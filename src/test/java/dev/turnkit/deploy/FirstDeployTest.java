package dev.turnkit.deploy;

import static dev.turnkit.deploy.DeployFixture.COTURN;
import static dev.turnkit.deploy.DeployFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.Status;
import dev.turnkit.testsupport.HostSshd;
import dev.turnkit.testsupport.SimulatedHost;
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
        try (SimulatedHost host = DeployFixture.startHost(cert)) {
            HostSshd sshd = host.startSshd();
            List<Artifact> files = DeployFixture.files(DeployFixture.stack(host, 10), List.of(SECRET));
            Deployer deployer = new Deployer(DeployFixture.ssh(sshd, sshd.knownHosts(dir.resolve("known_hosts"))),
                    DeployFixture.verification(host, cert), progress::add);
            assertThat(host.unitPid(COTURN)).as("nothing runs coturn before the first deploy").isEqualTo(-1);

            DeployResult first = deployer.deploy(files, SECRET, false);

            assertThat(first.status()).as(first.message() + "\n" + progress + "\n" + host.unitOutput(COTURN))
                    .isEqualTo(Status.OK);
            assertThat(first.uploaded()).hasSize(files.size()).hasSize(10);
            assertThat(host.readFile("/etc/turnserver.conf")).contains("user-quota=10", "userdb=/var/lib/turn/turndb",
                    "external-ip=" + host.publicIp() + "/" + host.privateIp()).doesNotContain(SECRET);
            assertThat(host.stat("/etc/turnserver.conf")).isEqualTo("640 root:turnserver");
            assertThat(host.stat("/etc/turnkit/turn-secret")).isEqualTo("600 root:root");
            assertThat(host.stat("/usr/local/sbin/turnkit-firewall")).isEqualTo("755 root:root");
            assertThat(host.stat("/usr/local/sbin/turnkit-sync-secrets")).isEqualTo("755 root:root");
            assertThat(first.steps()).as("the secret reaches coturn's userdb before coturn (re)starts")
                    .containsSubsequence("run /usr/local/sbin/turnkit-sync-secrets", "restart coturn.service");
            assertThat(host.stat("/var/lib/turn/turndb")).as("coturn's userdb, readable by coturn only")
                    .isEqualTo("600 turnserver:turnserver");
            assertThat(DeployFixture.unitActions(host, 0)).containsOnlyOnce("restart " + COTURN)
                    .startsWith("daemon-reload");
            assertThat(host.exec(List.of("iptables", "-S", "INPUT")).output())
                    .as("the firewall script ran on the host").contains("turnkit: ");
            assertThat(first.check().status()).isEqualTo(Status.OK);
            assertThat(first.check().toString()).as("the check went through the NAT to the public address")
                    .contains("relayed " + host.publicIp() + ":");
            long coturn = host.unitPid(COTURN);
            assertThat(coturn).isPositive();
            int logSize = host.systemctlLog().size();

            DeployResult second = deployer.deploy(files, SECRET, false);

            assertThat(second.status()).isEqualTo(Status.OK);
            assertThat(second.uploaded()).as("nothing changed, nothing uploaded").isEmpty();
            assertThat(second.unchanged()).hasSize(files.size());
            assertThat(second.steps()).isEmpty();
            assertThat(host.systemctlLog()).as("nothing restarted").hasSize(logSize);
            assertThat(host.unitPid(COTURN)).isEqualTo(coturn);
            // the string DeployCommandTest asserts absent after a refused host key
            assertThat(sshd.log()).contains("subsystem 'sftp'", "Accepted publickey");
        }
    }
}
