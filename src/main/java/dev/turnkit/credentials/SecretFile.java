package dev.turnkit.credentials;

import dev.turnkit.model.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * A secret read from a file that only its owner may read (mode 0600 or 0400), as written by an operator or handed
 * over by systemd {@code LoadCredential=} in {@code $CREDENTIALS_DIRECTORY}. Secrets never come from flags or the
 * environment, and neither the value nor any part of it appears in messages or logs; {@link #keyId()} is a short
 * SHA-256 fingerprint for telling secrets apart in logs.
 */
public final class SecretFile {
    /** systemd sets this for a unit with {@code LoadCredential=} (systemd.exec(5), "Credentials"). */
    public static final String CREDENTIALS_DIRECTORY = "CREDENTIALS_DIRECTORY";

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final int MIN_LENGTH = 16;

    private SecretFile() {
    }

    /**
     * Reads the secret in {@code file}: the content without a trailing newline.
     *
     * @throws ConfigException if the file is missing, readable by group or others, empty or shorter than 16 bytes
     */
    public static byte[] read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(what + " " + file + " does not exist or is not a regular file");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
                loose.addAll(perms);
                loose.retainAll(GROUP_OR_OTHERS);
                if (!loose.isEmpty()) {
                    throw new ConfigException(what + " " + file + " is accessible by group or others (mode "
                            + PosixFilePermissions.toString(perms) + "); run 'chmod 600 " + file
                            + "' (or hand it over with systemd LoadCredential=)");
                }
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            if (text.length() < MIN_LENGTH) {
                throw new ConfigException(what + " " + file + " holds fewer than " + MIN_LENGTH
                        + " characters; use a long random secret, e.g. 'openssl rand -hex 32'");
            }
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + what + " " + file + ": " + e.getMessage());
        }
    }

    /** Resolves {@code name} in systemd's {@code $CREDENTIALS_DIRECTORY}, or null when the variable is unset. */
    public static Path inCredentialsDirectory(java.util.Map<String, String> env, String name) {
        String dir = env.get(CREDENTIALS_DIRECTORY);
        return dir == null || dir.isBlank() ? null : Path.of(dir, name);
    }

    /** The first 8 hex digits of SHA-256(secret): safe to log, enough to tell the current secret from the previous. */
    public static String keyId(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
