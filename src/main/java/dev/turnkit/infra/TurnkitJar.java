package dev.turnkit.infra;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import dev.turnkit.model.StackKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * How the VM gets {@code turnkit.jar}, decided before the stack registers anything: a release by version
 * ({@code turnkit:turnkitVersion} + {@code turnkitReleaseRepo}, its checksum fetched by {@link ReleaseChecksum}), a
 * jar URL from the stack ({@code turnkit:turnkitJarUrl} + {@code turnkitJarSha256}), or, by default, the laptop build
 * {@code target/turnkit.jar} of the Pulumi project, which {@link JarUpload} puts into Object Storage.
 */
public sealed interface TurnkitJar {
    /** The laptop build, relative to the Pulumi project directory (where {@code pulumi up} runs). */
    Path BUILD = Path.of("target", "turnkit.jar");

    /** The stack names a published jar; nothing is uploaded. */
    record Released(String url, String sha256) implements TurnkitJar {
    }

    /**
     * The laptop build to upload.
     *
     * @param file    absolute path of the jar (the provider's {@code source})
     * @param sha256  lowercase hex SHA-256 of its content, which the VM checks before it runs the jar
     * @param md5     base64 MD5 of its content, which Object Storage checks on upload
     * @param expires when the pre-authenticated URL stops working
     */
    record Upload(Path file, String sha256, String md5, Instant expires) implements TurnkitJar {
    }

    /**
     * The jar of {@code config}: its release, or the build under {@code projectDir}.
     *
     * @throws ConfigException one line, when there is no release and no build (nothing has been created yet)
     */
    static TurnkitJar of(StackConfig config, Path projectDir, Clock clock) {
        return of(config, projectDir, clock, ReleaseChecksum.github());
    }

    /** As {@link #of(StackConfig, Path, Clock)}, fetching a release's checksum with {@code checksums}. */
    static TurnkitJar of(StackConfig config, Path projectDir, Clock clock, ReleaseChecksum checksums) {
        if (config.release().published().isPresent()) {
            return checksums.resolve(config.release().published().get(), config.release().jarSha256());
        }
        if (config.release().jarUrl().isPresent()) {
            return new Released(config.release().jarUrl().get(), config.release().jarSha256().orElseThrow());
        }
        Path jar = projectDir.resolve(BUILD).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new ConfigException(jar + " not found: the stack uploads this build when "
                    + StackKeys.TURNKIT_VERSION + " and " + StackKeys.TURNKIT_JAR_URL + " are empty. Build it (mvn -B"
                    + " -DskipTests package) or set " + StackKeys.TURNKIT_VERSION + " and "
                    + StackKeys.TURNKIT_RELEASE_REPO + " to a release");
        }
        byte[][] digests = digests(jar);
        Instant expires = clock.instant().plus(config.release().uploadUrlMinutes(), ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.SECONDS);
        return new Upload(jar, HexFormat.of().formatHex(digests[0]), Base64.getEncoder().encodeToString(digests[1]),
                expires);
    }

    /** SHA-256 and MD5 of a file, read once. */
    private static byte[][] digests(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
                md5.update(buf, 0, n);
            }
            return new byte[][] {sha.digest(), md5.digest()};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
