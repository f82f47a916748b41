package dev.turnkit.infra;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.ReleaseAssets;
import java.util.Optional;

/**
 * A release pinned by version ({@code turnkit:turnkitVersion} + {@code turnkit:turnkitReleaseRepo}) for commands
 * outside the Pulumi program: {@code turnkit deploy} sends the host the same jar URL and SHA-256 that
 * {@code pulumi up} puts into the user data, fetched the same way ({@link ReleaseChecksum}).
 */
public final class ReleasedJars {
    private ReleasedJars() {
    }

    /**
     * @param base   where the checksum file is fetched: {@link ReleaseAssets#GITHUB}, or a test's loopback server
     * @param pinned {@code turnkit:turnkitJarSha256}, which must then equal the release's checksum
     * @return the jar's URL and SHA-256
     * @throws ConfigException one line naming the URL: unreachable, not found, not a sha256sum line, or a mismatch
     */
    public static TurnkitJar.Released resolve(ReleaseAssets release, Optional<String> pinned, String base) {
        return new ReleaseChecksum(base, ReleaseChecksum.CONNECT_TIMEOUT, ReleaseChecksum.READ_TIMEOUT)
                .resolve(release, pinned);
    }
}
