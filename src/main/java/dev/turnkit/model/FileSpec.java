package dev.turnkit.model;

import java.util.regex.Pattern;

/**
 * One rendered file as it must exist on the host.
 *
 * @param path    absolute path on the host, e.g. {@code /etc/turnserver.conf}
 * @param mode    octal permissions, e.g. {@code 0640}
 * @param owner   {@code user:group}
 * @param content the file content (UTF-8)
 * @param secret  whether the content carries a secret value (never log or print it)
 */
public record FileSpec(String path, String mode, String owner, String content, boolean secret) {
    private static final Pattern MODE = Pattern.compile("0[0-7]{3}");

    public FileSpec {
        if (!path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("host path must be absolute and normalised: " + path);
        }
        if (!MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("mode must be 4 octal digits like 0640: " + mode);
        }
        if (!owner.matches("[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*")) {
            throw new IllegalArgumentException("owner must be user:group: " + owner);
        }
    }

    /** Whether the file must be executable (scripts, hooks). */
    public boolean executable() {
        return (Integer.parseInt(mode, 8) & 0111) != 0;
    }
}
