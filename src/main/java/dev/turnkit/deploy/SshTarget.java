package dev.turnkit.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach the host over SSH.
 *
 * @param host               DNS name or IP of the host
 * @param port               SSH port (22)
 * @param user               login user (root, or a user whose commands run as root)
 * @param identity           private key file, or null for the usual {@code ~/.ssh/id_ed25519}, {@code id_ecdsa},
 *                           {@code id_rsa}
 * @param knownHosts         the known_hosts file checked (and, with {@code acceptNewHostKey}, appended to)
 * @param pinnedFingerprint  {@code SHA256:...} the host key must have, or null to use {@code knownHosts}
 * @param acceptNewHostKey   first contact: record an unknown key in {@code knownHosts} (a changed key is still
 *                           refused)
 * @param timeout            connect and per-operation timeout
 */
public record SshTarget(String host, int port, String user, Path identity, Path knownHosts, String pinnedFingerprint,
        boolean acceptNewHostKey, Duration timeout) {
    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(timeout, "timeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the SSH host is empty: pass --host or set turnkit:publicIp");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port must be 1..65535, got " + port);
        }
        if (pinnedFingerprint != null && !pinnedFingerprint.matches("SHA256:[A-Za-z0-9+/]{43}")) {
            throw new IllegalArgumentException("host key fingerprint must look like SHA256:<43 base64 chars> (as "
                    + "'ssh-keygen -lf' prints it), got '" + pinnedFingerprint + "'");
        }
    }

    /** {@code user@host:port}, for messages. */
    @Override
    public String toString() {
        return user + "@" + host + ":" + port;
    }
}
