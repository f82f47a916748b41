package dev.turnkit.cli;

import dev.turnkit.deploy.Artifact;
import dev.turnkit.infra.ReleaseChecksum;
import dev.turnkit.infra.TurnkitJar;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code turnkit deploy} sends: the host files rendered from the same templates as cloud-init, the jar (a local
 * build, or the stack's pinned release that the host downloads), and the TLS certificate when given. Bad input is
 * exit 3 before any connection.
 */
final class DeployFiles {
    private DeployFiles() {
    }

    static List<Artifact> artifacts(StackConfig config, List<String> secrets, Optional<Artifact> jar) {
        List<Artifact> out = new ArrayList<>();
        HostRenderer.create().renderHostFiles(HostSpec.production(config, secrets)).forEach(f ->
                out.add(Artifact.of(f)));
        jar.ifPresent(out::add);
        return out;
    }

    /**
     * The jar to deploy: the local build from {@code --jar}, else the stack's pinned release (by version, its checksum
     * fetched as {@code pulumi up} does, or by URL + SHA-256), which the host downloads and checks before the swap.
     */
    static Optional<Artifact> releasedJar(StackConfig config, byte[] jar, String releaseBase) {
        StackConfig.Release release = config.release();
        if (jar != null) {
            return Optional.of(Artifact.jar(jar));
        }
        if (release.published().isPresent()) {
            TurnkitJar.Released r = ReleaseChecksum.resolve(release.published().get(), release.jarSha256(),
                    releaseBase);
            return Optional.of(Artifact.jarRelease(r.url(), r.sha256()));
        }
        if (release.jarUrl().isPresent() && release.jarSha256().isPresent()) {
            return Optional.of(Artifact.jarRelease(release.jarUrl().get(), release.jarSha256().get()));
        }
        return Optional.empty();
    }

    /** {@code --tls-cert} + {@code --tls-key} as the two certificate files, or none; bad input is exit 3. */
    static List<Artifact> certificate(Path tlsCert, Path tlsKey, String coturnGroup) {
        if (tlsCert == null && tlsKey == null) {
            return List.of();
        }
        if (tlsCert == null || tlsKey == null) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "--tls-cert and --tls-key go together (the chain and "
                    + "its private key); nothing sent");
        }
        byte[] cert = readPem(tlsCert, "--tls-cert", "-----BEGIN CERTIFICATE-----");
        byte[] key = readPem(tlsKey, "--tls-key", "PRIVATE KEY-----");
        return Artifact.certificate(cert, key, coturnGroup);
    }

    private static byte[] readPem(Path file, String option, String marker) {
        try {
            byte[] b = Files.readAllBytes(file);
            if (!new String(b, StandardCharsets.US_ASCII).contains(marker)) {
                throw new CommandFailedException(ExitCode.UNKNOWN, option + " " + file + ": not a PEM file with '"
                        + marker + "'; nothing sent");
            }
            return b;
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "cannot read " + option + " " + file + ": "
                    + e.getMessage() + "; nothing sent");
        }
    }

    static byte[] readJar(Path jar) {
        try {
            return Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "cannot read --jar " + jar + ": " + e.getMessage()
                    + " (build it with 'mvn -B -DskipTests package')");
        }
    }
}
