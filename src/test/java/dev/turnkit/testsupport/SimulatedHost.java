package dev.turnkit.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A simulated OCI VM on this machine: its own network namespace behind a 1:1 NAT and its own mount namespace, so
 * the rendered host files land in their real paths ({@code /etc/turnserver.conf}, {@code /usr/local/sbin/...})
 * without touching the machine. Only {@code systemctl} is a stand-in (it runs the units' {@code ExecStart} lines,
 * see {@code src/test/resources/simulated-host/systemctl}); everything else inside is the machine's real programs.
 *
 * <pre>
 *  root namespace ("the internet")                          | host namespace ("the VM")
 *  internetIp 198.51.100.N/32 on vethR  ---- veth pair ---- | vethH privateIp 10.A.B.10/24, default via 10.A.B.1
 *  publicIp 203.0.113.N: route dev vethR, nat OUTPUT DNAT -> privateIp
 *  nat INPUT: from privateIp SNAT -> publicIp (a server the test runs in the root namespace sees the public IP)
 * </pre>
 *
 * <p>As on OCI, the public IP is not on any interface of the host: traffic from the root namespace to
 * {@link #publicIp()} is translated to {@link #privateIp()}, and the host's traffic to the root namespace arrives
 * from {@link #publicIp()}. Servers that play "the internet" (STUN, ACME, DNS) run in the root namespace bound to
 * {@link #internetIp()}. Every address is in a documentation or private range and exists only on interfaces this
 * class creates, so no packet leaves the machine. The production deny list covers these ranges: a test that
 * relays to {@link #internetIp()} must allow exactly that address with coturn's {@code allowed-peer-ip}.
 *
 * <p>The mount namespace overlays {@code /etc}, {@code /usr}, {@code /var} and {@code /opt} (writes go to this
 * host's temp directory) and gets fresh {@code /run} and {@code /tmp} (but for the checkout itself, when it lives
 * under {@code /tmp}). With {@link Builder#ociUbuntuFirewall()}
 * the host starts with the iptables INPUT ruleset of OCI's Ubuntu images (ends with a REJECT).
 *
 * <p>{@link #close()} stops every process in the namespace by PID, deletes the iptables rules, the veth pair and
 * the namespace, and the temp directory; it also runs from a shutdown hook. Names carry the builder's prefix
 * (netns {@code PREFIX-xxxx}, veths {@code PREFIXxxxxr/h}, iptables comments {@code PREFIX-xxxx}). Needs root,
 * iproute2, iptables, util-linux: fails in CI, skips elsewhere when missing.
 */
public final class SimulatedHost implements AutoCloseable {
    /** INPUT and FORWARD of OCI's Ubuntu images (docs/design-notes.md §7.1), trimmed to what matters. */
    public static final String OCI_UBUNTU_RULES = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
            -A INPUT -p icmp -j ACCEPT
            -A INPUT -i lo -j ACCEPT
            -A INPUT -p udp -m udp --sport 123 -j ACCEPT
            -A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT
            -A INPUT -j REJECT --reject-with icmp-host-prohibited
            -A FORWARD -j REJECT --reject-with icmp-host-prohibited
            COMMIT
            """;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Held while a host picks and claims its addresses; shared by every user of this class on the machine. */
    private static final Path ADDRESS_LOCK = Path.of(System.getProperty("java.io.tmpdir"),
            "turnkit-simulated-host-addresses.lock");
    private static final List<String> OVERLAID = List.of("etc", "usr", "var", "opt");

    /** Output of a command run inside the host. */
    public record Result(int exitCode, String output) {
        public Result orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " exited with " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private final String id;
    private final String netns;
    private final String vethRoot;
    private final Path dir;
    private final String publicIp;
    private final String privateIp;
    private final String gatewayIp;
    private final String internetIp;
    private final List<List<String>> natRules = new ArrayList<>();
    private final List<ManagedProcess> spawned = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::cleanUp, "simulated-host-cleanup");
    private volatile long holderPid = -1;
    private Process holder;
    private boolean closed;

    private SimulatedHost(String prefix) throws IOException {
        String hex = HexFormat.of().formatHex(new byte[] {(byte) RANDOM.nextInt(), (byte) RANDOM.nextInt()});
        this.id = prefix + "-" + hex;
        this.netns = id;
        this.vethRoot = prefix + hex + "r";
        this.dir = Files.createTempDirectory(prefix + "-host-");
        String used = run(List.of("ip", "-o", "addr")).output() + run(List.of("ip", "route")).output()
                + run(List.of("iptables", "-t", "nat", "-S")).output();
        int n;
        int b;
        do {
            n = 2 + RANDOM.nextInt(252);
            b = RANDOM.nextInt(256);
        } while (used.contains("203.0.113." + n + "/") || used.contains("198.51.100." + n + "/")
                || used.contains("10.111." + b + "."));
        this.publicIp = "203.0.113." + n;
        this.internetIp = "198.51.100." + n;
        this.gatewayIp = "10.111." + b + ".1";
        this.privateIp = "10.111." + b + ".10";
    }

    public static Builder builder(String prefix) {
        return new Builder(prefix);
    }

    /** Options of a simulated host. */
    public static final class Builder {
        private final String prefix;
        private boolean ociUbuntuFirewall;
        private boolean hairpin;

        private Builder(String prefix) {
            if (!prefix.matches("[a-z][a-z0-9]{1,5}")) {
                throw new IllegalArgumentException("prefix must be 2-6 lower-case letters/digits: " + prefix);
            }
            this.prefix = prefix;
        }

        /** Loads {@link #OCI_UBUNTU_RULES} into the host's iptables, as on a fresh OCI Ubuntu VM. */
        public Builder ociUbuntuFirewall() {
            this.ociUbuntuFirewall = true;
            return this;
        }

        /**
         * Lets the host reach its own public IP, as OCI's internet gateway does: inside the host, traffic to
         * {@link #publicIp()} is translated to the private IP and arrives from the public IP (nat OUTPUT DNAT +
         * INPUT SNAT in the host's namespace). coturn's relay to its own relayed address needs this.
         */
        public Builder hairpin() {
            this.hairpin = true;
            return this;
        }

        public SimulatedHost start() {
            requireTools();
            // Addresses are chosen among those not yet on this machine and claimed by setUp: one host at a time
            // across every JVM (engineers and builds run side by side), so two hosts never pick the same ones.
            try (FileChannel lockFile = FileChannel.open(ADDRESS_LOCK, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock claim = lockFile.lock()) {
                SimulatedHost host = new SimulatedHost(prefix);
                Runtime.getRuntime().addShutdownHook(host.shutdownHook);
                try {
                    host.setUp(ociUbuntuFirewall, hairpin);
                    return host;
                } catch (RuntimeException | Error e) {
                    host.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void requireTools() {
        for (String tool : List.of("/usr/sbin/ip", "/usr/sbin/iptables", "/usr/bin/unshare", "/usr/bin/nsenter",
                "/usr/bin/setpriv")) {
            Components.require(Path.of(tool).getFileName().toString(), Path.of(tool),
                    "install iproute2, iptables and util-linux (run 'bash scripts/setup')");
        }
        if (!"0".equals(run(List.of("id", "-u")).output().trim())) {
            String message = "the simulated host needs root (network and mount namespaces); run the tests as root";
            if (Components.inCi()) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
    }

    private void setUp(boolean ociUbuntuFirewall, boolean hairpin) {
        String vethHost = vethRoot.substring(0, vethRoot.length() - 1) + "h";
        root("ip", "netns", "add", netns);
        root("ip", "link", "add", vethRoot, "type", "veth", "peer", "name", vethHost, "netns", netns);
        root("ip", "addr", "add", gatewayIp + "/24", "dev", vethRoot);
        root("ip", "addr", "add", internetIp + "/32", "dev", vethRoot);
        root("ip", "link", "set", vethRoot, "up");
        root("ip", "-n", netns, "link", "set", "lo", "up");
        root("ip", "-n", netns, "addr", "add", privateIp + "/24", "dev", vethHost);
        root("ip", "-n", netns, "link", "set", vethHost, "up");
        root("ip", "-n", netns, "route", "add", "default", "via", gatewayIp);
        root("ip", "route", "add", publicIp + "/32", "dev", vethRoot, "src", internetIp);
        nat("OUTPUT", "-d", publicIp + "/32", "-j", "DNAT", "--to-destination", privateIp);
        nat("INPUT", "-i", vethRoot, "-s", privateIp + "/32", "-j", "SNAT", "--to-source", publicIp);
        startHolder();
        if (ociUbuntuFirewall) {
            writeFile("/etc/iptables/rules.v4", OCI_UBUNTU_RULES, "0644");
            exec(List.of("iptables-restore", "/etc/iptables/rules.v4")).orFail("iptables-restore");
        }
        if (hairpin) {
            exec(List.of("iptables", "-t", "nat", "-A", "OUTPUT", "-d", publicIp + "/32", "-j", "DNAT",
                    "--to-destination", privateIp)).orFail("hairpin DNAT");
            exec(List.of("iptables", "-t", "nat", "-A", "INPUT", "-s", privateIp + "/32", "-m", "conntrack",
                    "--ctstate", "DNAT", "-j", "SNAT", "--to-source", publicIp)).orFail("hairpin SNAT");
        }
    }

    private void startHolder() {
        try {
            Path standin = dir.resolve("systemctl");
            try (InputStream in = SimulatedHost.class.getResourceAsStream("/simulated-host/systemctl")) {
                Files.write(standin, in.readAllBytes());
            }
            Files.setPosixFilePermissions(standin, PosixFilePermissions.fromString("rwxr-xr-x"));
            StringBuilder script = new StringBuilder("set -e\n");
            for (String d : OVERLAID) {
                Path upper = Files.createDirectories(dir.resolve("fs/" + d + "/upper"));
                Path work = Files.createDirectories(dir.resolve("fs/" + d + "/work"));
                script.append("mount -t overlay ").append(id).append('-').append(d).append(" -o lowerdir=/")
                        .append(d).append(",upperdir=").append(upper).append(",workdir=").append(work)
                        .append(" /").append(d).append('\n');
            }
            script.append("mount -t tmpfs ").append(id).append("-run /run\nmkdir -p /run/lock\n")
                    .append("install -m 0755 ").append(standin).append(" /usr/bin/systemctl\n")
                    .append("echo $$ > ").append(dir.resolve("holder.pid")).append('\n');
            // The checkout stays visible inside when it lives under /tmp (a CI clone may): the host runs the
            // checkout's classes, e.g. FirstBootIT's launcher jar names target/classes.
            Path checkout = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
            boolean keepCheckout = checkout.startsWith("/tmp") && !checkout.equals(Path.of("/tmp"));
            if (keepCheckout) {
                script.append("mkdir -p /run/").append(id).append("-tmp && mount --bind /tmp /run/").append(id)
                        .append("-tmp\n");
            }
            script.append("mount -t tmpfs ").append(id).append("-tmp /tmp\n");
            if (keepCheckout) {
                script.append("mkdir -p '").append(checkout).append("' && mount --bind '/run/").append(id)
                        .append("-tmp/").append(Path.of("/tmp").relativize(checkout)).append("' '").append(checkout)
                        .append("'\n");
            }
            script.append("exec sleep infinity\n");
            Path log = dir.resolve("holder.log");
            holder = new ProcessBuilder("ip", "netns", "exec", netns, "unshare", "--mount", "--propagation",
                    "private", "/bin/sh", "-c", script.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path pidFile = dir.resolve("holder.pid");
            Instant deadline = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(deadline)) {
                if (!holder.isAlive()) {
                    throw new AssertionError("simulated host setup failed:\n" + Files.readString(log));
                }
                if (Files.exists(pidFile) && mountsReady()) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("simulated host setup timed out:\n" + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private boolean mountsReady() throws IOException {
        String pid = Files.readString(dir.resolve("holder.pid")).trim();
        if (pid.isEmpty()) {
            return false;
        }
        holderPid = Long.parseLong(pid);
        return run(List.of("nsenter", "-t", pid, "-m", "findmnt", "-n", "/tmp")).output().contains(id + "-tmp");
    }

    // --- addresses ---

    /** The "public" (reserved) IP: translated 1:1 to {@link #privateIp()}, on no interface (as on OCI). */
    public String publicIp() {
        return publicIp;
    }

    /** The VM's private IP, on its only interface. */
    public String privateIp() {
        return privateIp;
    }

    /** An address in the root namespace where "internet" servers (STUN, ACME, DNS) listen for the host. */
    public String internetIp() {
        return internetIp;
    }

    /** The host's default gateway (the root namespace's end of the veth pair). */
    public String gatewayIp() {
        return gatewayIp;
    }

    public String netns() {
        return netns;
    }

    /** A temp directory on the machine (outside the host) for logs and test files; deleted by {@link #close()}. */
    public Path dir() {
        return dir;
    }

    // --- inside the host ---

    /** {@code command} prefixed so that it runs inside the host's network and mount namespaces. */
    public List<String> inside(List<String> command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holderPid), "-m", "-n", "--"));
        full.addAll(command);
        return full;
    }

    /** Runs {@code command} inside the host (2 min timeout), combined output. */
    public Result exec(List<String> command) {
        return exec(command, Map.of(), Duration.ofMinutes(2));
    }

    /** Runs {@code command} inside the host with extra environment variables. */
    public Result exec(List<String> command, Map<String, String> env, Duration timeout) {
        return run(inside(command), env, timeout, null);
    }

    /** Runs a shell script inside the host ({@code sh -c}). */
    public Result sh(String script) {
        return exec(List.of("/bin/sh", "-c", script));
    }

    /** Starts a long-running process inside the host; stop it with {@link ManagedProcess#close()} (or at close). */
    public ManagedProcess spawn(String name, List<String> command) {
        ManagedProcess p = ManagedProcess.start(name, inside(command), dir, dir.resolve(name + ".log"));
        spawned.add(p);
        return p;
    }

    /**
     * An instance metadata service on http://169.254.169.254/ inside the host (link-local, as on OCI; the machine's
     * own metadata address is never touched): each entry maps a directory path such as {@code /opc/v2/vnics/} to
     * the JSON it answers. It listens on another port behind a nat OUTPUT DNAT so that port 80 stays free for
     * certbot's standalone server, like on the VM.
     */
    public ManagedProcess serveMetadata(Map<String, String> documents) {
        String root = "/var/lib/simulated-metadata";
        documents.forEach((path, json) -> writeFile(root + path.replaceAll("/*$", "") + "/index.html", json, "0644"));
        exec(List.of("ip", "addr", "add", "169.254.169.254/32", "dev", "lo")).orFail("metadata address");
        exec(List.of("iptables", "-t", "nat", "-A", "OUTPUT", "-d", "169.254.169.254/32", "-p", "tcp", "--dport", "80",
                "-j", "DNAT", "--to-destination", "169.254.169.254:8169")).orFail("metadata DNAT");
        ManagedProcess server = spawn("metadata", List.of("/usr/bin/python3", "-m", "http.server", "--bind",
                "169.254.169.254", "--directory", root, "8169"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (exec0(List.of("/usr/bin/python3", "-c", "import socket; socket.create_connection(('169.254.169.254', "
                + "80), 1)")) != 0) {
            if (Instant.now().isAfter(deadline) || !server.isAlive()) {
                throw new AssertionError("metadata service not ready:\n" + server.logTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return server;
    }

    /** Writes {@code content} to {@code path} inside the host (parents created, mode applied). */
    public void writeFile(String path, String content, String mode) {
        writeFile(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public void writeFile(String path, byte[] content, String mode) {
        String p = quote(path);
        run(inside(List.of("/bin/sh", "-c", "mkdir -p \"$(dirname " + p + ")\" && cat > " + p + " && chmod " + mode
                + " " + p)), Map.of(), Duration.ofSeconds(30), content).orFail("write " + path);
    }

    /** The text of {@code path} inside the host. */
    public String readFile(String path) {
        return exec(List.of("cat", path)).orFail("read " + path).output();
    }

    public boolean exists(String path) {
        return exec0(List.of("test", "-e", path)) == 0;
    }

    /**
     * The systemctl stand-in's log, one line per action: {@code daemon-reload}, {@code enable U}, {@code start U},
     * {@code pid U PID}, {@code restart U}, {@code reload U}, {@code stop U}, {@code exit U RC},
     * {@code skip U ConditionPathExists=PATH}, {@code fail U}.
     */
    public List<String> systemctlLog() {
        Result r = exec(List.of("cat", "/run/systemctl-standin/log"));
        return r.exitCode() == 0 ? r.output().lines().toList() : List.of();
    }

    /** Output (stdout+stderr) of a unit started by the systemctl stand-in. */
    public String unitOutput(String unit) {
        Result r = exec(List.of("cat", "/run/systemctl-standin/" + unit + ".out"));
        return r.exitCode() == 0 ? r.output() : "";
    }

    // --- cleanup ---

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs cleanUp
        }
        cleanUp();
    }

    private void cleanUp() {
        spawned.forEach(ManagedProcess::close);
        // Every process whose network namespace is this host's: the services the stand-in started, the holder.
        for (int round = 0; round < 2; round++) {
            List<Long> pids = run(List.of("ip", "netns", "pids", netns)).output().lines().map(String::trim)
                    .filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
            String signal = round == 0 ? "-TERM" : "-KILL";
            pids.forEach(pid -> run(List.of("kill", signal, Long.toString(pid))));
            waitGone(pids, Duration.ofSeconds(round == 0 ? 5 : 2));
        }
        if (holder != null) {
            holder.destroyForcibly();
        }
        for (List<String> rule : natRules) {
            List<String> delete = new ArrayList<>(rule);
            delete.set(3, "-D");
            run(delete);
        }
        run(List.of("ip", "link", "del", vethRoot));
        run(List.of("ip", "netns", "del", netns));
        if (!run(List.of("findmnt", "-n", "-o", "TARGET")).output().contains(dir.toString())) {
            deleteTree(dir);
        }
    }

    private static void waitGone(List<Long> pids, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)
                && pids.stream().anyMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false))) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the temp directory holds no secrets of the machine
        }
    }

    // --- helpers ---

    private void nat(String chain, String... spec) {
        List<String> rule = new ArrayList<>(List.of("iptables", "-t", "nat", "-A", chain));
        rule.addAll(List.of(spec));
        rule.addAll(List.of("-m", "comment", "--comment", id));
        root(rule.toArray(String[]::new));
        natRules.add(rule);
    }

    private static void root(String... command) {
        run(List.of(command)).orFail(String.join(" ", command));
    }

    private int exec0(List<String> command) {
        return run(inside(command)).exitCode();
    }

    private static Result run(List<String> command) {
        return run(command, Map.of(), Duration.ofMinutes(2), null);
    }

    private static Result run(List<String> command, Map<String, String> env, Duration timeout, byte[] stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            // Read while waiting so a chatty command never blocks on a full pipe.
            java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            return p.getInputStream().readAllBytes();
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                String partial = new String(out.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
                throw new AssertionError("timed out after " + timeout + ": " + command + "\n" + partial);
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + ": " + command + " (no output)", e);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
