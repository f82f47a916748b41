package dev.turnkit.deploy;

import dev.turnkit.model.FileSpec;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.render.OnChange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file deploy puts on the host: content, owner, mode, whether it carries a secret, and what a change to it
 * needs ({@link OnChange}, declared next to its template).
 *
 * @param secretOnly the whole content is a secret (a bare secret file): a dry run never shows any of it
 */
public record Artifact(String path, String mode, String owner, byte[] content, boolean secret, boolean secretOnly,
        OnChange onChange) {
    /** Where the turnkit jar lives on the host. */
    public static final String JAR_PATH = dev.turnkit.model.HostSpec.JAR_PATH;
    /** A new jar needs both long-lived JVMs restarted: the credentials service and the check watch. */
    public static final OnChange JAR_ON_CHANGE =
            OnChange.parse("try-restart turnkit-credentials.service; try-restart turnkit-check.service");

    public Artifact {
        Objects.requireNonNull(onChange, "onChange");
        new FileSpec(path, mode, owner, "", secret); // validates path, mode and owner
        content = content.clone();
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

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This file with other content (e.g. a test's deliberately broken config). */
    public Artifact withContent(String text) {
        return new Artifact(path, mode, owner, text.getBytes(StandardCharsets.UTF_8), secret, secretOnly, onChange);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Artifact a && a.path.equals(path) && a.mode.equals(mode) && a.owner.equals(owner)
                && java.util.Arrays.equals(a.content, content) && a.onChange.equals(onChange);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path + " (" + owner + " " + mode + ", " + content.length + " bytes)";
    }
}
