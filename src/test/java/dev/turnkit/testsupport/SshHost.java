package dev.turnkit.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A simulated TURN host for deploy tests: a network namespace reached over a veth pair ({@link #ADDRESS} inside,
 * {@link #HOST_SIDE} outside), and inside it a private mount namespace where {@code /etc}, {@code /usr/local/sbin},
 * {@code /opt} and {@code /var/lib} are overlays (writes land at their real paths but never reach the machine),
 * {@code /run} is a tmpfs, and {@code /usr/bin/systemctl} is a stand-in that runs the real coturn ({@code turnserver
 * -c /etc/turnserver.conf}) for {@code coturn.service} and records every call. A real OpenSSH {@code sshd -D} with a
 * generated host key and one authorized test key listens on {@link #ADDRESS}:22.
 *
 * <p>Needs root, {@code ip}, {@code unshare}, overlayfs, {@code /usr/sbin/sshd} and coturn; without them the test
 * fails in CI and is skipped elsewhere. Names carry the prefix {@code tk12}; {@link #close()} stops every process
 * of the namespace by PID and removes it.
 */
public final class SshHost implements AutoCloseable {
    /** The host's private IP (inside the namespace). */
    public static final String ADDRESS = "10.212.12.10";
    /** The machine's side of the veth pair. */
    public static final String HOST_SIDE = "10.212.12.1";
    public static final String SUBNET = "10.212.12.0/24";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path dir;
    private final String netns;
    private final ManagedProcess sshd;

    private SshHost(Path dir, String netns, ManagedProcess sshd) {
        this.dir = dir;
        this.netns = netns;
        this.sshd = sshd;
    }

    /** Starts the host; {@code tls} (may be null) is installed as coturn's certificate in {@code /etc/coturn/tls}. */
    public static SshHost start(TestCertificates.Pem tls) {
        Path sshdBin = Components.require("OpenSSH server", Path.of("/usr/sbin/sshd"),
                "install it with 'apt-get install -y openssh-server'");
        Components.turnserver();
        if (!"0".equals(run(List.of("id", "-u")).strip())) {
            String msg = "the simulated host needs root (network and mount namespaces)";
            if (Components.inCi()) {
                throw new AssertionError("CI=true and " + msg);
            }
            org.junit.jupiter.api.Assumptions.abort(msg);
        }
        String n = ProcessHandle.current().pid() % 10000 + "x" + COUNTER.incrementAndGet();
        String netns = "tk12-" + n;
        String outer = "tk12h" + n;
        String inner = "tk12g" + n;
        Path dir;
        try {
            dir = Files.createTempDirectory("tk12-host-");
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "turnkit-host",
                    "-f", dir.resolve("ssh_host_ed25519_key").toString()));
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "turnkit-deploy-test",
                    "-f", dir.resolve("id_ed25519").toString()));
            Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
            Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                    "ListenAddress " + ADDRESS + ":22",
                    "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "PermitRootLogin prohibit-password",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    "StrictModes no",
                    "PidFile " + dir.resolve("sshd.pid"),
                    "LogLevel VERBOSE",
                    "Subsystem sftp internal-sftp",
                    ""), StandardCharsets.UTF_8);
            Path systemctl = dir.resolve("systemctl");
            Files.writeString(systemctl, systemctlStandIn(dir), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
            StringBuilder boot = new StringBuilder("set -e\n");
            for (String d : List.of("/etc", "/usr/local/sbin", "/opt", "/var/lib")) {
                Path up = dir.resolve("overlay" + d.replace('/', '_'));
                Files.createDirectories(up.resolve("upper"));
                Files.createDirectories(up.resolve("work"));
                boot.append("mount -t overlay overlay -o lowerdir=").append(d).append(",upperdir=")
                        .append(up.resolve("upper")).append(",workdir=").append(up.resolve("work")).append(' ')
                        .append(d).append('\n');
            }
            boot.append("mount -t tmpfs tmpfs /run\nmkdir -p /run/sshd /var/lib/turn /etc/coturn/tls\n");
            boot.append("mount --bind ").append(systemctl).append(" /usr/bin/systemctl\n");
            // a fresh VM's root has a plain shell profile; this machine's may start tools on every `bash -c`
            Files.writeString(dir.resolve("bashrc"), "# simulated host\n", StandardCharsets.UTF_8);
            boot.append("for f in /root/.bashrc /root/.profile; do [ -f $f ] && mount --bind ").append(
                    dir.resolve("bashrc")).append(" $f; done; true\n");
            if (tls != null) {
                boot.append("cp ").append(tls.cert()).append(" /etc/coturn/tls/fullchain.pem\n");
                boot.append("cp ").append(tls.key()).append(" /etc/coturn/tls/privkey.pem\n");
            }
            boot.append("exec ").append(sshdBin).append(" -D -f ").append(dir.resolve("sshd_config")).append(" -E ")
                    .append(dir.resolve("sshd.log")).append('\n');
            Files.writeString(dir.resolve("boot.sh"), boot.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("ip", "netns", "add", netns));
        try {
            run(List.of("ip", "link", "add", outer, "type", "veth", "peer", "name", inner));
            run(List.of("ip", "link", "set", inner, "netns", netns));
            run(List.of("ip", "addr", "add", HOST_SIDE + "/24", "dev", outer));
            run(List.of("ip", "link", "set", outer, "up"));
            run(List.of("ip", "netns", "exec", netns, "ip", "addr", "add", ADDRESS + "/24", "dev", inner));
            run(List.of("ip", "netns", "exec", netns, "ip", "link", "set", inner, "up"));
            run(List.of("ip", "netns", "exec", netns, "ip", "link", "set", "lo", "up"));
            ManagedProcess sshd = ManagedProcess.start("sshd", List.of("ip", "netns", "exec", netns, "unshare", "-m",
                    "--propagation", "private", "sh", dir.resolve("boot.sh").toString()), dir,
                    dir.resolve("boot.log"));
            SshHost host = new SshHost(dir, netns, sshd);
            try {
                sshd.awaitReady(Duration.ofSeconds(15), () -> ManagedProcess.canConnect(ADDRESS, 22));
            } catch (AssertionError e) {
                host.close();
                throw e;
            }
            return host;
        } catch (RuntimeException | AssertionError e) {
            run(List.of("ip", "netns", "del", netns));
            throw e;
        }
    }

    /** The systemctl stand-in: coturn for real (started detached, readiness = its TCP and UDP listeners). */
    private static String systemctlStandIn(Path dir) {
        return "#!/bin/sh\n"
                + "# systemctl stand-in of the simulated host (tests only): coturn.service runs the real turnserver\n"
                + "echo \"$*\" >> " + dir.resolve("systemctl.log") + "\n"
                + "conf=/etc/turnserver.conf; pidf=/run/turnkit-test-coturn.pid\n"
                + "running() { [ -f $pidf ] && kill -0 \"$(cat $pidf)\" 2>/dev/null; }\n"
                + "stop() { if running; then p=$(cat $pidf); kill $p; i=0; while kill -0 $p 2>/dev/null && "
                + "[ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; kill -9 $p 2>/dev/null; fi; rm -f $pidf; }\n"
                + "start() {\n"
                + "  setsid /usr/bin/turnserver -c $conf >> " + dir.resolve("coturn.log") + " 2>&1 < /dev/null &\n"
                + "  echo $! > $pidf\n"
                + "  port=$(sed -n 's/^listening-port=//p' $conf | head -1); i=0\n"
                + "  while [ $i -lt 100 ]; do\n"
                + "    running || { echo 'coturn exited (see its log)' >&2; rm -f $pidf; return 1; }\n"
                + "    if ss -Hlnt \"sport = :$port\" | grep -q . && ss -Hlnu \"sport = :$port\" | grep -q .; then\n"
                + "      sleep 0.3; running && return 0; echo 'coturn exited' >&2; return 1; fi\n"
                + "    sleep 0.1; i=$((i+1))\n"
                + "  done\n"
                + "  echo 'coturn did not open its listeners in 10 s' >&2; return 1\n"
                + "}\n"
                + "unit=\"$2\"; [ \"$1\" = kill ] && unit=\"$(for a; do :; done; echo $a)\"\n"
                + "case \"$unit\" in coturn|coturn.service) ;; *) exit 0 ;; esac\n"
                + "case \"$1\" in\n"
                + "  start) running || start ;;\n"
                + "  stop) stop ;;\n"
                + "  restart) stop; start ;;\n"
                + "  try-restart) if running; then stop; start; fi ;;\n"
                + "  reload) running && kill -USR2 \"$(cat $pidf)\" ;;\n"
                + "  kill) running && kill -USR2 \"$(cat $pidf)\" ;;\n"
                + "  is-active) running ;;\n"
                + "  *) exit 0 ;;\n"
                + "esac\n";
    }

    public String address() {
        return ADDRESS;
    }

    /** The test user's private key (authorized for root). */
    public Path identity() {
        return dir.resolve("id_ed25519");
    }

    /** The host key's public half ({@code ssh-ed25519 AAAA...}). */
    public String hostKeyLine() {
        return read(dir.resolve("ssh_host_ed25519_key.pub")).strip();
    }

    /** {@code SHA256:...} of the host key, as {@code ssh-keygen -lf} prints it. */
    public String hostKeyFingerprint() {
        return run(List.of("ssh-keygen", "-lf", dir.resolve("ssh_host_ed25519_key.pub").toString())).split(" ")[1];
    }

    /** A known_hosts file that lists this host. */
    public Path knownHosts(Path where) {
        try {
            Files.writeString(where, ADDRESS + " " + hostKeyLine() + "\n", StandardCharsets.UTF_8);
            return where;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The content of a file at its path on the simulated host, or null if absent. */
    public String file(String path) {
        String out = exec("if [ -f '" + path + "' ]; then cat '" + path + "'; else echo '<<absent>>'; fi");
        return out.equals("<<absent>>\n") ? null : out;
    }

    /**
     * Where a file written on the host at {@code path} lands on this machine (the overlay's upper directory), for
     * cheap polling; only for paths under the overlaid directories.
     */
    public Path onDisk(String path) {
        for (String d : List.of("/etc", "/usr/local/sbin", "/opt", "/var/lib")) {
            if (path.startsWith(d + "/")) {
                return dir.resolve("overlay" + d.replace('/', '_')).resolve("upper").resolve(
                        path.substring(d.length() + 1));
            }
        }
        throw new IllegalArgumentException(path + " is not under an overlaid directory");
    }

    /** {@code MODE OWNER:GROUP} of a file on the simulated host. */
    public String stat(String path) {
        return exec("stat -c '%a %U:%G' '" + path + "'").strip();
    }

    /** Runs a shell command inside the host (its namespaces), returns stdout. */
    public String exec(String script) {
        return run(List.of("nsenter", "--net=/run/netns/" + netns, "--mount=/proc/" + sshd.pid() + "/ns/mnt",
                "sh", "-c", script));
    }

    /** Every systemctl call the host received, one per line. */
    public List<String> systemctlCalls() {
        Path log = dir.resolve("systemctl.log");
        return Files.exists(log) ? read(log).lines().toList() : List.of();
    }

    /** PID of the coturn the stand-in started, or -1. */
    public long coturnPid() {
        String p = exec("cat /run/turnkit-test-coturn.pid 2>/dev/null || true").strip();
        return p.isEmpty() ? -1 : Long.parseLong(p);
    }

    public boolean coturnRunning() {
        long pid = coturnPid();
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    public String coturnLog() {
        Path log = dir.resolve("coturn.log");
        return Files.exists(log) ? read(log) : "(no coturn log)";
    }

    public String sshdLog() {
        Path log = dir.resolve("sshd.log");
        return Files.exists(log) ? read(log) : "";
    }

    /** The per-connection sshd processes (children of the listening sshd). */
    public List<ProcessHandle> sshdSessions() {
        return ProcessHandle.of(sshd.pid()).map(h -> h.descendants().toList()).orElse(List.of());
    }

    /** Stops every process in the namespace by PID, removes the namespace and the temp directory. */
    @Override
    public void close() {
        for (int round = 0; round < 3; round++) {
            String pids = runQuiet(List.of("ip", "netns", "pids", netns));
            List<ProcessHandle> handles = new ArrayList<>();
            pids.lines().map(String::strip).filter(s -> s.matches("\\d+"))
                    .forEach(p -> ProcessHandle.of(Long.parseLong(p)).ifPresent(handles::add));
            if (handles.isEmpty()) {
                break;
            }
            handles.forEach(round == 0 ? ProcessHandle::destroy : ProcessHandle::destroyForcibly);
            handles.forEach(h -> {
                try {
                    h.onExit().get(3, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // next round forces it
                }
            });
        }
        sshd.close();
        runQuiet(List.of("ip", "netns", "del", netns));
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers in /tmp are harmless
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(command + " failed (" + p.exitValue() + "): " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String runQuiet(List<String> command) {
        try {
            return run(command);
        } catch (AssertionError | UncheckedIOException e) {
            return "";
        }
    }
}
