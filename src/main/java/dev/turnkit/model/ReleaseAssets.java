package dev.turnkit.model;

import java.util.regex.Pattern;

/**
 * A published turnkit release ({@code turnkit:turnkitVersion} of {@code turnkit:turnkitReleaseRepo}): the two assets
 * that {@code .github/workflows/release.yml} attaches to the GitHub release of tag {@code vVERSION}, the jar and
 * its {@code sha256sum} line. Pure: the URLs and the parsing of the checksum file; {@code infra} fetches it.
 *
 * @param repo    {@code OWNER/NAME} of the GitHub repository that publishes the releases
 * @param version the release version without the leading {@code v}, e.g. {@code 1.2.3} or {@code 1.2.3-rc.1}
 */
public record ReleaseAssets(String repo, String version) {
    /** Where GitHub serves release assets: {@code BASE/OWNER/NAME/releases/download/TAG/ASSET}. */
    public static final String GITHUB = "https://github.com";
    public static final String JAR = "turnkit.jar";
    public static final String CHECKSUM = "turnkit.jar.sha256";
    /** A checksum file is one line of 64 + 2 + 11 characters; anything much larger is not one. */
    public static final int CHECKSUM_MAX_BYTES = 1024;

    static final String VERSION_RULE = "a release version like 1.2.3 or 1.2.3-rc.1, without the leading v (the tag"
            + " is v1.2.3)";
    static final String REPO_RULE = "OWNER/NAME of the GitHub repository that publishes the releases, e.g."
            + " acme/turnkit";

    private static final Pattern VERSION = Pattern.compile(
            "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*)?");
    // GitHub: an owner is 1-39 letters, digits or single hyphens, not at either end; a repository name is 1-100
    // letters, digits, '.', '-' or '_', and never '.' or '..'.
    private static final Pattern REPO = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9._-]{1,100}");
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  " + Pattern.quote(JAR) + "\n?");

    public ReleaseAssets {
        if (!isVersion(version) || !isRepo(repo)) {
            throw new IllegalArgumentException("expected " + REPO_RULE + " and " + VERSION_RULE);
        }
    }

    /** Semantic-version-like: MAJOR.MINOR.PATCH with an optional {@code -prerelease}, no {@code v}, no build part. */
    public static boolean isVersion(String v) {
        return v != null && VERSION.matcher(v).matches();
    }

    public static boolean isRepo(String r) {
        return r != null && REPO.matcher(r).matches() && !r.endsWith("/.") && !r.endsWith("/..");
    }

    /** The git tag of the release, which the release workflow runs on. */
    public String tag() {
        return "v" + version;
    }

    /** The jar the VM downloads, on GitHub. */
    public String jarUrl() {
        return assetUrl(GITHUB, JAR);
    }

    /** The checksum file on GitHub. */
    public String checksumUrl() {
        return assetUrl(GITHUB, CHECKSUM);
    }

    /** {@code base/OWNER/NAME/releases/download/vVERSION/asset}. */
    public String assetUrl(String base, String asset) {
        return base + "/" + repo + "/releases/download/" + tag() + "/" + asset;
    }

    /**
     * The SHA-256 in a {@code turnkit.jar.sha256} file as {@code sha256sum turnkit.jar} writes it: one line, 64
     * lowercase hex digits, two spaces ({@code sha256sum}'s text mode), {@code turnkit.jar}, an optional newline.
     *
     * @param url where the text came from, for the message
     * @throws ConfigException one line naming {@code url} and what is wrong with the text
     */
    public static String parseChecksum(String text, String url) {
        var m = LINE.matcher(text);
        if (m.matches()) {
            return m.group(1);
        }
        throw new ConfigException(StackKeys.TURNKIT_VERSION + ": " + url + " is not a sha256sum line '<64 lowercase"
                + " hex>  " + JAR + "' — " + checksumProblem(text) + " (the release workflow writes it with"
                + " 'sha256sum " + JAR + "')");
    }

    private static String checksumProblem(String text) {
        if (text.isBlank()) {
            return "the file is empty";
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (body.contains("\n") || body.contains("\r")) {
            return "it has more than one line";
        }
        String hash = body.length() >= 64 ? body.substring(0, 64) : body;
        if (!Validators.isSha256Hex(hash) || (body.length() > 64 && !Character.isWhitespace(body.charAt(64))
                && body.charAt(64) != '*')) {
            return "its first field is not 64 lowercase hex digits";
        }
        String rest = body.substring(64);
        if (!rest.startsWith("  ")) {
            return rest.startsWith(" *") ? "binary-mode marker ' *' instead of two spaces"
                    : "expected two spaces after the hash";
        }
        return "it names '" + StackKeys.abbreviate(rest.substring(2)) + "', not " + JAR;
    }
}
