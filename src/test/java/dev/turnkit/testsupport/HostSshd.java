package dev.turnkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real OpenSSH server of a {@link SimulatedHost} ({@link SimulatedHost#startSshd()}): {@code sshd -D -p PORT -f
 * /etc/ssh/sshd_config} inside the host's network and mount namespaces, listening on the private IP and reached from
 * the root namespace at the public IP through the 1:1 NAT, like an OCI VM. Its files live at their real paths inside
 * the host ({@code /etc/ssh/...}, log in {@code /var/log/sshd.log}); the test user's key pair stays outside, as on an
 * operator's laptop. Root logs in with that key only ({@code AuthorizedKeysFile /etc/ssh/authorized_keys.d/%u}, so
 * the machine's {@code /root} is never written). Needs {@code /usr/sbin/sshd}: fails in CI, skips elsewhere.
 */
public final class HostSshd {
    private static final String LOG = "/var/log/sshd.log";
    private final SimulatedHost host;
    private final int port;
    private final ManagedProcess process;
    private final Path identity;
    private final Path hostKeyPub;

    private HostSshd(SimulatedHost host, int port, ManagedProcess process, Path identity, Path hostKeyPub) {
        this.host = host;
        this.port = port;
        this.process = process;
        this.identity = identity;
        this.hostKeyPub = hostKeyPub;
    }

    static HostSshd start(SimulatedHost host, int port) {
        Path sshd = Components.require("OpenSSH server", Path.of("/usr/sbin/sshd"),
                "install it with 'apt-get install -y openssh-server' (or run 'bash scripts/setup')");
        Path keys = host.dir().resolve("ssh");
        try {
            Files.createDirectories(keys);
            keygen(keys.resolve("ssh_host_ed25519_key"), "simulated-host");
            keygen(keys.resolve("id_ed25519"), "turnkit-test-operator");
            host.writeFile("/etc/ssh/ssh_host_ed25519_key", Files.readAllBytes(keys.resolve("ssh_host_ed25519_key")),
                    "0600");
            host.writeFile("/etc/ssh/ssh_host_ed25519_key.pub",
                    Files.readAllBytes(keys.resolve("ssh_host_ed25519_key.pub")), "0644");
            host.writeFile("/etc/ssh/authorized_keys.d/root", Files.readAllBytes(keys.resolve("id_ed25519.pub")),
                    "0600");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        host.writeFile("/etc/ssh/sshd_config", String.join("\n",
                "ListenAddress " + host.privateIp(),
                "HostKey /etc/ssh/ssh_host_ed25519_key",
                "AuthorizedKeysFile /etc/ssh/authorized_keys.d/%u",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "PidFile /run/sshd.pid",
                "LogLevel VERBOSE",
                "Subsystem sftp internal-sftp",
                ""), "0644");
        // A fresh VM's root has a plain shell profile; this machine's may start tools on every `bash -c`. Bind
        // mounts inside the host's mount namespace only.
        host.writeFile("/etc/ssh/simulated-host-profile", "# simulated host: plain profile\n", "0644");
        host.sh("mkdir -p /run/sshd && chmod 0755 /run/sshd; for f in /root/.bashrc /root/.profile; do "
                + "[ -f $f ] && mount --bind /etc/ssh/simulated-host-profile $f; done; true").orFail("sshd setup");
        ManagedProcess process = host.spawn("sshd", List.of(sshd.toString(), "-D", "-p", Integer.toString(port),
                "-f", "/etc/ssh/sshd_config", "-E", LOG));
        process.awaitReady(Duration.ofSeconds(15), () -> ManagedProcess.canConnect(host.publicIp(), port));
        return new HostSshd(host, port, process, keys.resolve("id_ed25519"), keys.resolve("ssh_host_ed25519_key.pub"));
    }

    private static void keygen(Path file, String comment) {
        Path pub = Path.of(file + ".pub");
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f",
                    file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(pub)) {
                p.destroyForcibly();
                throw new AssertionError("ssh-keygen failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Where a client connects: the host's public IP (translated to the private IP sshd listens on). */
    public String address() {
        return host.publicIp();
    }

    public int port() {
        return port;
    }

    /** The test operator's private key (authorized for root). */
    public Path identity() {
        return identity;
    }

    /** The host key's public half ({@code ssh-ed25519 AAAA...}). */
    public String hostKeyLine() {
        try {
            String[] w = Files.readString(hostKeyPub, StandardCharsets.UTF_8).strip().split(" ");
            return w[0] + " " + w[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code SHA256:...} of the host key, as {@code ssh-keygen -lf} prints it. */
    public String hostKeyFingerprint() {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-lf", hostKeyPub.toString()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return out.split(" ")[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Writes a known_hosts file that lists this host at its public address. */
    public Path knownHosts(Path where) {
        String name = port == 22 ? address() : "[" + address() + "]:" + port;
        try {
            return Files.writeString(where, name + " " + hostKeyLine() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sshd's log so far (VERBOSE: connections, accepted keys, subsystem requests). */
    public String log() {
        Path log = host.onDisk(LOG);
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The per-connection sshd processes (descendants of the listening sshd). */
    public List<ProcessHandle> sessions() {
        return ProcessHandle.of(process.pid()).map(h -> h.descendants().toList()).orElse(List.of());
    }
}
