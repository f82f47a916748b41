package dev.turnkit.infra;

import dev.turnkit.model.Causes;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.ReleaseAssets;
import dev.turnkit.model.StackKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetches the SHA-256 of a release's {@code turnkit.jar} from its {@code turnkit.jar.sha256} asset, when
 * {@code pulumi up} or {@code turnkit plan} starts and before anything is registered. One GET, redirects followed
 * (GitHub answers a release download with a redirect to its storage; never from https to http), a connect and a
 * per-read timeout plus a deadline for the whole body, at most {@link ReleaseAssets#CHECKSUM_MAX_BYTES} read.
 * Every failure is one line naming the URL.
 */
public final class ReleaseChecksum {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final String base;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param base where the assets are served: {@link ReleaseAssets#GITHUB}, or a test's loopback server (the VM
     *             still downloads the jar from GitHub: only the fetch moves)
     */
    ReleaseChecksum(String base, Duration connectTimeout, Duration readTimeout) {
        this.base = base;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * For commands outside the Pulumi program ({@code turnkit deploy}): the same jar URL and SHA-256 that
     * {@code pulumi up} gives the VM, fetched from {@code base} ({@link ReleaseAssets#GITHUB}, or a test's server).
     */
    public static TurnkitJar.Released resolve(ReleaseAssets release, Optional<String> pinned, String base) {
        return new ReleaseChecksum(base, CONNECT_TIMEOUT, READ_TIMEOUT).resolve(release, pinned);
    }

    static ReleaseChecksum github() {
        return new ReleaseChecksum(ReleaseAssets.GITHUB, CONNECT_TIMEOUT, READ_TIMEOUT);
    }

    /**
     * The release's jar with the SHA-256 from its checksum file; {@code pinned} (turnkit:turnkitJarSha256), when
     * set, must be the same.
     *
     * @throws ConfigException one line: unreachable, not found, too large, not a sha256sum line, or a mismatch
     */
    TurnkitJar.Released resolve(ReleaseAssets release, Optional<String> pinned) {
        String url = release.assetUrl(base, ReleaseAssets.CHECKSUM);
        String sha = ReleaseAssets.parseChecksum(fetch(url, release), url);
        if (pinned.isPresent() && !pinned.get().equals(sha)) {
            throw new ConfigException(StackKeys.TURNKIT_JAR_SHA256 + ": " + pinned.get() + " is not the SHA-256 "
                    + sha + " that " + url + " gives for " + release.tag() + " — fix or remove "
                    + StackKeys.TURNKIT_JAR_SHA256 + " (with " + StackKeys.TURNKIT_VERSION + " the release's file is"
                    + " used)");
        }
        return new TurnkitJar.Released(release.jarUrl(), sha);
    }

    private String fetch(String url, ReleaseAssets release) {
        String prefix = StackKeys.TURNKIT_VERSION + ": cannot fetch " + url + " — ";
        long deadline = System.nanoTime() + connectTimeout.plus(readTimeout).toNanos();
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            c.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            c.setInstanceFollowRedirects(true);
            c.setUseCaches(false);
            c.setRequestProperty("User-Agent", "turnkit");
            int status = c.getResponseCode();
            if (status == HttpURLConnection.HTTP_NOT_FOUND) {
                throw new ConfigException(prefix + "not found (HTTP 404): is " + release.tag() + " published in "
                        + release.repo() + " by the release workflow, with " + ReleaseAssets.CHECKSUM + " attached?");
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw new ConfigException(prefix + "HTTP " + status + " (expected 200)");
            }
            if (c.getContentLengthLong() > ReleaseAssets.CHECKSUM_MAX_BYTES) {
                throw new ConfigException(prefix + tooLarge());
            }
            return read(c.getInputStream(), deadline, prefix);
        } catch (SocketTimeoutException e) {
            boolean connecting = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect");
            throw new ConfigException(prefix + (connecting ? "no connection within " + text(connectTimeout)
                    : "no answer within " + text(readTimeout)));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(prefix + Causes.describe(e));
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private String read(InputStream in, long deadline, String prefix) throws IOException {
        try (in) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buf = new byte[512];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                body.write(buf, 0, n);
                if (body.size() > ReleaseAssets.CHECKSUM_MAX_BYTES) {
                    throw new ConfigException(prefix + tooLarge());
                }
                if (System.nanoTime() > deadline) {
                    throw new ConfigException(prefix + "the body did not arrive within "
                            + text(connectTimeout.plus(readTimeout)));
                }
            }
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String tooLarge() {
        return "larger than " + ReleaseAssets.CHECKSUM_MAX_BYTES + " bytes, not a checksum file";
    }
}
