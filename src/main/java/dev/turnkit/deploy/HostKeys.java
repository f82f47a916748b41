package dev.turnkit.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host key policy: a pinned fingerprint, or the known_hosts file. An unknown key is refused unless
 * {@code acceptNew} (then it is appended to known_hosts); a changed key is always refused. There is no accept-all.
 * sshj calls {@link #verify} during key exchange, before authentication, so a refused host never sees a byte of
 * payload. The reason for a refusal is kept for {@link Ssh} to report.
 */
final class HostKeys implements HostKeyVerifier {
    private final SshTarget target;
    private volatile HostKeyException refusal;

    HostKeys(SshTarget target) {
        this.target = target;
    }

    HostKeyException refusal() {
        return refusal;
    }

    /** OpenSSH's {@code SHA256:} fingerprint (base64 of the SHA-256 of the key blob, no padding). */
    static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        String fp = fingerprint(key);
        if (target.pinnedFingerprint() != null) {
            if (target.pinnedFingerprint().equals(fp)) {
                return true;
            }
            refusal = new HostKeyException("host key of " + target.host() + ":" + port + " is " + fp + ", but the "
                    + "pinned fingerprint is " + target.pinnedFingerprint() + " — refusing (possible "
                    + "man-in-the-middle; if the host was rebuilt, update the pin)", fp);
            return false;
        }
        Outcome outcome = new Outcome();
        boolean known;
        try {
            known = knownHosts(outcome).verify(hostname, port, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known_hosts " + target.knownHosts(), e);
        }
        if (known) {
            return true;
        }
        if (outcome.changed) {
            refusal = new HostKeyException("host key of " + target.host() + ":" + port + " CHANGED: it is now " + fp
                    + ", which differs from the key in " + target.knownHosts() + " — refusing (possible "
                    + "man-in-the-middle; if the host was rebuilt, remove its line with 'ssh-keygen -R "
                    + entryHost(hostname, port) + " -f " + target.knownHosts() + "')", fp);
            return false;
        }
        if (target.acceptNewHostKey()) {
            record(hostname, port, key);
            return true;
        }
        refusal = new HostKeyException("host key of " + target.host() + ":" + port + " is unknown (" + fp + ", "
                + KeyType.fromKey(key) + ") — not in " + target.knownHosts() + "; compare it with the console "
                + "of the VM and run again with --accept-new-host-key, or pin it", fp);
        return false;
    }

    private OpenSSHKnownHosts knownHosts(Outcome outcome) throws IOException {
        Path file = target.knownHosts();
        if (!Files.exists(file)) {
            return new OpenSSHKnownHosts(new java.io.StringReader("")) {
                @Override
                protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
                    outcome.changed = true;
                    return false;
                }
            };
        }
        return new OpenSSHKnownHosts(file.toFile()) {
            @Override
            protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
                outcome.changed = true;
                return false;
            }
        };
    }

    private static final class Outcome {
        boolean changed;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of();
    }

    static String entryHost(String hostname, int port) {
        return port == 22 ? hostname : "[" + hostname + "]:" + port;
    }

    private void record(String hostname, int port, PublicKey key) {
        String blob = Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
        String line = entryHost(hostname, port) + " " + KeyType.fromKey(key) + " " + blob + "\n";
        try {
            Path file = target.knownHosts().toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the host key in " + target.knownHosts(), e);
        }
    }
}
