package dev.turnkit.deploy;

import dev.turnkit.model.FileSpec;
import dev.turnkit.model.TurnServerSpec;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.render.OnChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One file deploy puts on the host: content, owner, mode, whether it carries a secret, and what a change to it
 * needs ({@link OnChange}, declared next to its template).
 *
 * @param secretOnly the whole content is a secret (a bare secret file): a dry run never shows any of it
 * @param fetch      null: {@code content} is uploaded; else the host downloads the file itself from this pinned
 *                   release and its SHA-256 is verified on the host before the swap ({@code content} is empty)
 */
public record Artifact(String path, String mode, String owner, byte[] content, boolean secret, boolean secretOnly,
        OnChange onChange, Fetch fetch) {
    /** Where the turnkit jar lives on the host. */
    public static final String JAR_PATH = dev.turnkit.model.HostSpec.JAR_PATH;
    /** A new jar needs both long-lived JVMs restarted: the credentials service and the check watch. */
    public static final OnChange JAR_ON_CHANGE =
            OnChange.parse("try-restart turnkit-credentials.service; try-restart turnkit-check.service");
    /**
     * A new TLS certificate: coturn re-reads {@code cert}/{@code pkey} on SIGUSR2 without dropping allocations (no
     * restart); the credentials endpoint copies them with {@code LoadCredential=} at start, so it restarts if running.
     * The same steps as the certbot deploy hook.
     */
    public static final OnChange CERTIFICATE_ON_CHANGE =
            OnChange.parse("signal USR2 coturn.service; try-restart turnkit-credentials.service");

    /**
     * A file the host downloads itself: an https URL and the SHA-256 it must have (64 lowercase hex digits), e.g. the
     * stack's pinned release ({@code turnkit:turnkitJarUrl}, {@code turnkit:turnkitJarSha256}).
     */
    public record Fetch(String url, String sha256) {
        public Fetch {
            if (!url.startsWith("https://") || !url.matches("https://[A-Za-z0-9._~:/?#\\[\\]@!$&()*+,;=%-]+")) {
                throw new IllegalArgumentException("release URL must be a plain https:// URL, got '" + url + "'");
            }
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("release sha256 must be 64 lowercase hex digits");
            }
        }
    }

    public Artifact {
        Objects.requireNonNull(onChange, "onChange");
        new FileSpec(path, mode, owner, "", secret); // validates path, mode and owner
        content = content.clone();
        if (fetch != null && content.length > 0) {
            throw new IllegalArgumentException(path + ": a fetched file has no local content");
        }
    }

    /** A file whose content is uploaded. */
    public Artifact(String path, String mode, String owner, byte[] content, boolean secret, boolean secretOnly,
            OnChange onChange) {
        this(path, mode, owner, content, secret, secretOnly, onChange, null);
    }

    /** A rendered host file. */
    public static Artifact of(HostRenderer.HostFile file) {
        FileSpec f = file.spec();
        return new Artifact(f.path(), f.mode(), f.owner(), f.content().getBytes(StandardCharsets.UTF_8), f.secret(),
                file.secretOnly(), file.onChange());
    }

    /** The turnkit jar (checksum verified on the host after upload, like every file). */
    public static Artifact jar(byte[] jar) {
        return new Artifact(JAR_PATH, "0644", "root:root", jar, false, true, JAR_ON_CHANGE);
    }

    /**
     * coturn's TLS certificate chain and key at the paths {@code turnserver.conf} names, readable by coturn's group
     * only (as the certbot deploy hook leaves them); the key is a secret a dry run never shows.
     */
    public static List<Artifact> certificate(byte[] fullchainPem, byte[] keyPem, String coturnGroup) {
        String owner = "root:" + coturnGroup;
        return List.of(new Artifact(TurnServerSpec.PRODUCTION_CERT, "0640", owner, fullchainPem, false, false,
                CERTIFICATE_ON_CHANGE), new Artifact(TurnServerSpec.PRODUCTION_KEY, "0640", owner, keyPem, true, true,
                CERTIFICATE_ON_CHANGE));
    }

    /** The turnkit jar of a pinned release: the host downloads it and deploy verifies its SHA-256 there. */
    public static Artifact jarRelease(String url, String sha256) {
        return new Artifact(JAR_PATH, "0644", "root:root", new byte[0], false, true, JAR_ON_CHANGE,
                new Fetch(url, sha256));
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The SHA-256 the file must have on the host: of {@code content}, or the pinned one of a fetched file. */
    public String sha256() {
        if (fetch != null) {
            return fetch.sha256();
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This file with other content (e.g. a test's deliberately broken config). */
    public Artifact withContent(String text) {
        return new Artifact(path, mode, owner, text.getBytes(StandardCharsets.UTF_8), secret, secretOnly, onChange,
                null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Artifact a && a.path.equals(path) && a.mode.equals(mode) && a.owner.equals(owner)
                && java.util.Arrays.equals(a.content, content) && a.onChange.equals(onChange)
                && Objects.equals(a.fetch, fetch);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path + " (" + owner + " " + mode + ", " + (fetch != null ? "fetched from " + fetch.url()
                : content.length + " bytes") + ")";
    }
}
