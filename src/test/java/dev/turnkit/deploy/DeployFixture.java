package dev.turnkit.deploy;

import dev.turnkit.check.Checks;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.testsupport.SshHost;
import dev.turnkit.testsupport.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The example dev stack moved onto the simulated host's addresses, and deployers that target it. */
final class DeployFixture {
    static final String SECRET = "deploy-test-secret-0123456789abcdef";

    private DeployFixture() {
    }

    /** {@code stacks/Pulumi.dev.yaml} with the simulated host's private IP and subnet, and the given quota. */
    static String stackYaml(int userQuota) {
        try {
            String yaml = Files.readString(Path.of("stacks", "Pulumi.dev.yaml"));
            return yaml.replace("turnkit:privateIp: 10.0.0.10", "turnkit:privateIp: " + SshHost.ADDRESS)
                    .replace("turnkit:vcnCidr: 10.0.0.0/16", "turnkit:vcnCidr: 10.212.0.0/16")
                    .replace("turnkit:subnetCidr: 10.0.0.0/24", "turnkit:subnetCidr: " + SshHost.SUBNET)
                    .replace("turnkit:credentialsMaxTtl: 3600", "turnkit:credentialsMaxTtl: 60")
                    .replace("config:\n", "config:\n  turnkit:userQuota: " + userQuota + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackConfig stack(int userQuota) {
        return StackConfig.fromYaml("dev", stackYaml(userQuota));
    }

    /** Every host file of the stack, rendered by the same renderer as cloud-init. */
    static List<Artifact> files(StackConfig stack, List<String> secrets) {
        List<Artifact> out = new ArrayList<>();
        for (HostRenderer.HostFile f : HostRenderer.create().renderHostFiles(HostSpec.production(stack, secrets))) {
            out.add(Artifact.of(f));
        }
        return out;
    }

    static SshTarget ssh(SshHost host, Path knownHosts) {
        return new SshTarget(SshHost.ADDRESS, 22, "root", host.identity(), knownHosts, null, false,
                Duration.ofSeconds(30)); // generous: the machine running the tests may be busy
    }

    static Verification verification(TestCertificates.Pem cert) {
        return new Verification(TurnTarget.of(SshHost.ADDRESS).withTlsServerName("localhost")
                .withCaFile(cert.cert()), Checks.allTransports(), Duration.ofSeconds(10));
    }

    static Artifact byPath(List<Artifact> files, String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
