package dev.turnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.credentials.AuthEmulator;
import dev.turnkit.credentials.TurnRestCredentials;
import dev.turnkit.model.CoturnVersion;
import dev.turnkit.model.PortRange;
import dev.turnkit.model.TurnServerSpec;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.rules.FirestoreEmulator;
import dev.turnkit.rules.RulesSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole turnkit stack on one machine, with real parts on loopback: coturn rendered from the same template as
 * production (local profile: 127.0.0.1, self-signed TLS), the Firestore emulator with the project's
 * {@code firestore.rules}, the Firebase Auth emulator, the credentials endpoint and the sample call app.
 *
 * <p>{@link #up} starts everything and returns a {@link Running} stack; closing it stops every part by PID,
 * newest first. For {@code --detach}, {@link Running#detach()} writes the state file instead, and {@link #down}
 * stops what a state file lists.
 */
public final class LocalStack {
    /** The coturn version of the Debian/Ubuntu package the local profile is rendered for. */
    public static final String COTURN_VERSION = "4.6.1";
    static final String REALM = "turnkit.local";
    /** The host name on the local TLS certificate (see {@link LocalTls}), used in every URI the endpoint issues. */
    static final String TLS_NAME = "localhost";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * The checks run after start: all but {@code peer-deny-sweep}, because the local profile deliberately relays to
     * loopback (two browsers on one machine call each other through it), which the sweep would rightly flag.
     * The production profile's deny list is checked on real coturn by the render tests.
     */
    public static final List<String> LOCAL_CHECKS = Checks.ALL.stream()
            .filter(c -> !c.equals(Checks.PEER_DENY_SWEEP)).toList();

    private LocalStack() {
    }

    /** A started stack: its endpoints, and the parts to stop. */
    public static final class Running implements AutoCloseable {
        private final Path stateDir;
        private final Supervisor supervisor;
        private final List<AutoCloseable> emulators;
        private final List<ManagedChild> emulatorChildren;
        private final ObjectNode endpoints;
        private final TurnRestCredentials sampleCredential;
        private final List<String> warnings;
        private final CheckReport checkReport;
        private boolean detached;

        Running(Path stateDir, Supervisor supervisor, List<AutoCloseable> emulators,
                List<ManagedChild> emulatorChildren, ObjectNode endpoints, TurnRestCredentials sampleCredential,
                List<String> warnings, CheckReport checkReport) {
            this.stateDir = stateDir;
            this.supervisor = supervisor;
            this.emulators = emulators;
            this.emulatorChildren = emulatorChildren;
            this.endpoints = endpoints;
            this.sampleCredential = sampleCredential;
            this.warnings = List.copyOf(warnings);
            this.checkReport = checkReport;
        }

        /** The result of {@code turnkit check} against the local coturn, unless checks were turned off. */
        public Optional<CheckReport> checkReport() {
            return Optional.ofNullable(checkReport);
        }

        /** Every endpoint, as {@code turnkit local up --json} prints it. */
        public ObjectNode endpoints() {
            return endpoints;
        }

        /** A credential for the local coturn, valid for an hour, for trying it by hand. */
        public TurnRestCredentials sampleCredential() {
            return sampleCredential;
        }

        /** Parts that were skipped and why (e.g. the Firestore emulator is not installed). */
        public List<String> warnings() {
            return warnings;
        }

        /** Every process of the stack, oldest first. */
        public List<ManagedChild> children() {
            List<ManagedChild> all = new ArrayList<>(emulatorChildren);
            all.addAll(supervisor.children());
            all.sort((a, b) -> a.startedAt().compareTo(b.startedAt()));
            return all;
        }

        /** Leaves everything running and records it in the state file for {@code turnkit local down}. */
        public void detach() {
            StateFile.write(stateDir, children(), endpoints);
            supervisor.release();
            detached = true;
        }

        /** Stops every part by PID, newest first (a no-op after {@link #detach()}). */
        @Override
        public synchronized void close() {
            if (detached) {
                return;
            }
            detached = true;
            supervisor.close();
            List<AutoCloseable> reversed = new ArrayList<>(emulators);
            Collections.reverse(reversed);
            for (AutoCloseable c : reversed) {
                try {
                    c.close();
                } catch (Exception e) {
                    // keep stopping the others; each close() already falls back to SIGKILL
                }
            }
            StateFile.delete(stateDir);
        }
    }

    /**
     * Starts the stack. Progress goes to {@code log} (stderr in the CLI). On any failure everything already
     * started is stopped again before the exception propagates.
     *
     * @throws LocalStackException with a message that says which part failed, why, and how to fix it
     */
    public static Running up(LocalOptions options, PrintWriter log) {
        Path state = options.stateDir().toAbsolutePath();
        refuseIfAlreadyUp(state);
        Path turnserver = turnserver(Executables.find("turnserver"));

        Supervisor supervisor = new Supervisor();
        List<AutoCloseable> emulators = new ArrayList<>();
        List<ManagedChild> emulatorChildren = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean ok = false;
        try {
            Path logs = mkdirs(state.resolve("logs"));
            LocalPorts ports = new LocalPorts(options.autoPorts());
            int turnPort = ports.pick("TURN (udp+tcp)", LocalPorts.TURN, true);
            int tlsPort = ports.pick("TURN over TLS", LocalPorts.TURN_TLS, false);
            int[] relay = ports.relayRange(100);

            // 1. Secret and certificate, laid out like on a host.
            Path secretFile = secret(state.resolve("turn-secret"));
            byte[] secret = Files.readString(secretFile, StandardCharsets.US_ASCII).trim()
                    .getBytes(StandardCharsets.US_ASCII);
            LocalTls tls = LocalTls.create(state.resolve("tls"));

            // 2. coturn, from the production template's local profile.
            log.println("local: starting coturn on 127.0.0.1:" + turnPort + " (TLS " + tlsPort + ")");
            log.flush();
            Path coturnDir = mkdirs(state.resolve("coturn"));
            TurnServerSpec spec = TurnServerSpec.local(new TurnServerSpec.LocalOptions(REALM, turnPort, tlsPort,
                    new PortRange(relay[0], relay[1]), CoturnVersion.of(COTURN_VERSION),
                    List.of(new String(secret, StandardCharsets.US_ASCII)), tls.certificate().toString(),
                    tls.privateKey().toString(), coturnDir.resolve("turndb").toString(), true, randomToken(),
                    ownAddresses()));
            Path conf = coturnDir.resolve("turnserver.conf");
            writePrivate(conf, HostRenderer.create().renderTurnServerConf(spec));
            ManagedChild coturn = supervisor.start("coturn", List.of(turnserver.toString(), "-c", conf.toString(),
                    "--pidfile", coturnDir.resolve("turnserver.pid").toString()), coturnDir,
                    logs.resolve("coturn.log"), Map.of());
            supervisor.awaitReady(coturn, START_TIMEOUT, () -> LocalPorts.listening(turnPort));

            ObjectNode endpoints = JSON.createObjectNode();
            endpoints.put("projectId", options.projectId());
            ObjectNode turn = endpoints.putObject("turn");
            turn.put("host", "127.0.0.1");
            turn.put("port", turnPort);
            turn.put("tlsPort", tlsPort);
            turn.put("realm", REALM);
            turn.putArray("uris")
                    .add("stun:127.0.0.1:" + turnPort)
                    .add("turn:127.0.0.1:" + turnPort + "?transport=udp")
                    .add("turn:127.0.0.1:" + turnPort + "?transport=tcp")
                    .add("turns:" + TLS_NAME + ":" + tlsPort + "?transport=tcp");
            turn.put("relayPorts", relay[0] + "-" + relay[1]);
            turn.put("secretFile", secretFile.toString());
            turn.put("caFile", tls.certificate().toString());
            turn.put("config", conf.toString());

            // 3. Firestore emulator with the project's rules.
            Path rulesFile = options.repoRoot().resolve("firestore.rules");
            Optional<String> firestore = Optional.empty();
            if (wanted(options.firestore(), Files.isRegularFile(FirestoreEmulator.DEFAULT_JAR),
                    "Firestore emulator", "install the Debian package google-cloud-cli-firestore-emulator",
                    warnings)) {
                int port = ports.pick("Firestore emulator", LocalPorts.FIRESTORE, false);
                log.println("local: starting the Firestore emulator on 127.0.0.1:" + port + " with "
                        + rulesFile.getFileName());
                log.flush();
                FirestoreEmulator fs = FirestoreEmulator.start(FirestoreEmulator.Options.defaults()
                        .withPort(port).withProjectId(options.projectId()).withStartTimeout(START_TIMEOUT)
                        .withLog(logs.resolve("firestore-emulator.log")));
                emulators.add(fs);
                fs.pid().ifPresent(pid -> emulatorChildren.add(child("firestore-emulator", pid,
                        logs.resolve("firestore-emulator.log"))));
                fs.loadRules(RulesSource.read(rulesFile));
                firestore = Optional.of(fs.hostPort());
                ObjectNode f = endpoints.putObject("firestoreEmulator");
                f.put("host", fs.host());
                f.put("port", fs.port());
                f.put("url", fs.baseUri().toString());
                f.put("rules", rulesFile.toString());
            } else {
                endpoints.putNull("firestoreEmulator");
            }

            // 4. Auth emulator and the credentials endpoint (it needs signed-in users).
            Path nodeModules = options.repoRoot().resolve("e2e").resolve("node_modules");
            int appPort = ports.pick("sample app", LocalPorts.SAMPLE_APP, false);
            String appOrigin = "http://127.0.0.1:" + appPort;
            String credentialsUrl = null;
            if (wanted(options.auth(), Files.isRegularFile(nodeModules.resolve("firebase-tools/package.json")),
                    "Auth emulator and credentials endpoint", "run 'npm ci --prefix e2e' in the turnkit checkout",
                    warnings)) {
                int authPort = ports.pick("Auth emulator", LocalPorts.AUTH, false);
                log.println("local: starting the Auth emulator on 127.0.0.1:" + authPort);
                log.flush();
                AuthEmulator auth = AuthEmulator.start(nodeModules, options.projectId(), mkdirs(state.resolve("auth")),
                        authPort, START_TIMEOUT);
                emulators.add(auth);
                emulatorChildren.add(child("auth-emulator", auth.pid(), state.resolve("auth/auth-emulator.log")));
                ObjectNode a = endpoints.putObject("authEmulator");
                a.put("host", "127.0.0.1");
                a.put("port", authPort);
                a.put("url", auth.baseUri().toString());

                int credPort = ports.pick("credentials endpoint", LocalPorts.CREDENTIALS, false);
                log.println("local: starting the credentials endpoint on 127.0.0.1:" + credPort);
                log.flush();
                ManagedChild cred = supervisor.start("credentials", turnkit("credentials", "serve",
                        "--bind", "127.0.0.1", "--port", Integer.toString(credPort),
                        "--project", options.projectId(), "--secret-file", secretFile.toString(),
                        // The name on the local certificate: turns: must use it, or the TLS check fails (701).
                        "--turn-host", TLS_NAME, "--turn-port", Integer.toString(turnPort),
                        "--turns-port", Integer.toString(tlsPort),
                        "--allow-origin", appOrigin, "--allow-origin", "http://localhost:" + appPort,
                        "--auth-emulator", auth.hostPort()), state, logs.resolve("credentials.log"), Map.of());
                credentialsUrl = "http://127.0.0.1:" + credPort + "/v1/turn-credentials";
                URI health = URI.create("http://127.0.0.1:" + credPort + "/healthz");
                supervisor.awaitReady(cred, START_TIMEOUT, () -> httpOk(health));
                endpoints.putObject("credentials").put("url", credentialsUrl);
            } else {
                endpoints.putNull("authEmulator");
                endpoints.putNull("credentials");
            }

            // 5. The sample call app (static files + its config.json).
            Path web = options.repoRoot().resolve("web");
            boolean built = Files.isRegularFile(web.resolve("dist").resolve("app.js"));
            if (Files.isRegularFile(web.resolve("index.html")) && built) {
                ObjectNode appConfig = JSON.createObjectNode();
                appConfig.put("projectId", options.projectId());
                appConfig.put("authEmulatorUrl", endpoints.path("authEmulator").path("url").asText(null));
                appConfig.put("firestoreEmulatorUrl",
                        endpoints.path("firestoreEmulator").path("url").asText(null));
                appConfig.put("credentialsUrl", credentialsUrl);
                appConfig.set("firebase", JSON.valueToTree(
                        dev.turnkit.model.FirebaseWebConfig.emulator(options.projectId()).asMap()));
                Path appConfigFile = state.resolve("app-config.json");
                Files.writeString(appConfigFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(appConfig));
                ManagedChild app = supervisor.start("sample-app", turnkit("local", "serve-app",
                        "--dir", web.toString(), "--port", Integer.toString(appPort),
                        "--config", appConfigFile.toString()), state, logs.resolve("sample-app.log"), Map.of());
                URI appUri = URI.create(appOrigin + "/");
                supervisor.awaitReady(app, START_TIMEOUT, () -> httpOk(appUri));
                endpoints.putObject("sampleApp").put("url", appUri.toString());
            } else {
                endpoints.putNull("sampleApp");
                warnings.add(Files.isRegularFile(web.resolve("index.html"))
                        ? "sample app not served: it is not built (no web/dist/app.js): run 'npm ci --prefix web "
                                + "&& npm run build --prefix web' (or 'bash scripts/setup')"
                        : "sample app not served: no web/index.html under " + options.repoRoot());
            }

            endpoints.put("stateDir", state.toString());
            endpoints.put("logs", logs.toString());
            TurnRestCredentials sample = TurnRestCredentials.issue(secret, "local-sample", Duration.ofHours(1),
                    Instant.now());
            CheckReport report = null;
            if (options.runChecks()) {
                log.println("local: checking coturn (" + String.join(", ", LOCAL_CHECKS) + ")");
                log.flush();
                TurnTarget target = new TurnTarget("127.0.0.1", turnPort, tlsPort, TLS_NAME, tls.certificate(),
                        CredentialSource.restSecret(secret));
                report = new CheckRunner(Duration.ofSeconds(10))
                        .run(Checks.suite(target, LOCAL_CHECKS, Checks.allTransports()));
            }
            ok = true;
            return new Running(state, supervisor, emulators, emulatorChildren, endpoints, sample, warnings, report);
        } catch (IOException e) {
            throw new LocalStackException("cannot prepare " + state + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof LocalStackException) {
                throw e;
            }
            throw new LocalStackException(describe(e), e);
        } finally {
            if (!ok) {
                supervisor.close();
                for (int i = emulators.size() - 1; i >= 0; i--) {
                    try {
                        emulators.get(i).close();
                    } catch (Exception ignored) {
                        // already stopping everything after a failure
                    }
                }
            }
        }
    }

    /**
     * This machine's own IPv4 interface addresses (not loopback, not link-local): a browser on this machine offers
     * them as host candidates, and a relay-only peer reaches them through coturn. They are this machine, like
     * loopback, so the local profile allows them as peers; production never does.
     */
    static List<String> ownAddresses() {
        List<String> out = new ArrayList<>();
        try {
            for (java.net.NetworkInterface nic : Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (java.net.InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (java.net.SocketException e) {
            // no interface list: host candidates then simply stay unreachable through the relay
        }
        return out;
    }

    /** coturn's {@code turnserver}, or an error that says how to install it on Debian/Ubuntu and macOS. */
    static Path turnserver(Optional<Path> found) {
        return found.orElseThrow(() -> new LocalStackException(
                "coturn is not installed (no 'turnserver' on PATH): on Debian/Ubuntu run 'sudo apt-get install -y "
                        + "coturn' (or 'bash scripts/setup'), on macOS 'brew install coturn'"));
    }

    /**
     * Stops what the state file in {@code stateDir} lists, newest first, by PID.
     *
     * @return the names of the processes that were stopped (empty when nothing was up)
     */
    public static List<String> down(Path stateDir) {
        Optional<StateFile.State> state = StateFile.read(stateDir);
        if (state.isEmpty()) {
            return List.of();
        }
        List<ManagedChild> children = new ArrayList<>(state.get().children());
        Collections.reverse(children);
        List<String> stopped = new ArrayList<>();
        for (ManagedChild c : children) {
            if (Supervisor.stop(c)) {
                stopped.add(c.name());
            }
        }
        StateFile.delete(stateDir);
        return stopped;
    }

    /** The endpoints a running detached stack recorded, if one is up. */
    public static Optional<JsonNode> status(Path stateDir) {
        return StateFile.read(stateDir)
                .filter(s -> s.children().stream().anyMatch(c -> c.live().isPresent()))
                .map(StateFile.State::endpoints);
    }

    private static void refuseIfAlreadyUp(Path state) {
        Optional<StateFile.State> existing = StateFile.read(state);
        if (existing.isPresent()) {
            if (existing.get().children().stream().anyMatch(c -> c.live().isPresent())) {
                throw new LocalStackException("a local stack is already up (state in " + state
                        + "); stop it with 'turnkit local down' or use another --state-dir");
            }
            StateFile.delete(state);
        }
    }

    private static boolean wanted(LocalOptions.Toggle toggle, boolean installed, String what, String howToInstall,
            List<String> warnings) {
        if (toggle == LocalOptions.Toggle.OFF) {
            return false;
        }
        if (!installed) {
            if (toggle == LocalOptions.Toggle.ON) {
                throw new LocalStackException(what + " requested but not installed: " + howToInstall);
            }
            warnings.add(what + " not started: not installed (" + howToInstall + ")");
            return false;
        }
        return true;
    }

    /** The command that runs this same turnkit (same JVM, same class path) with {@code args}. */
    static List<String> turnkit(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dsun.net.httpserver.nodelay=true");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx128m");
        cmd.add("-cp");
        cmd.add(absoluteClassPath(System.getProperty("java.class.path")));
        cmd.add("dev.turnkit.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The children run in the state directory, so relative class path entries are made absolute. */
    static String absoluteClassPath(String classPath) {
        StringBuilder sb = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : java.io.File.pathSeparator)
                        .append(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return sb.toString();
    }

    private static ManagedChild child(String name, long pid, Path log) {
        ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new LocalStackException(name + " exited"));
        return new ManagedChild(name, pid, h.info().startInstant().orElse(Instant.now()),
                List.of(h.info().command().orElse(name)), log.toString());
    }

    private static boolean httpOk(URI uri) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static Path secret(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            writePrivate(file, Base64.getEncoder().encodeToString(bytes) + "\n");
        }
        return file;
    }

    private static String randomToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static Path mkdirs(Path dir) throws IOException {
        return Files.createDirectories(dir);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString();
    }
}
