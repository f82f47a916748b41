package dev.turnkit.local;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.credentials.AuthEmulator;
import dev.turnkit.credentials.TurnRestCredentials;
import dev.turnkit.model.Causes;
import dev.turnkit.model.CredentialsUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The whole turnkit stack on one machine, with real parts on loopback: coturn rendered from the same template as
 * production (local profile: 127.0.0.1, self-signed TLS), the Firestore emulator with the project's
 * {@code firestore.rules}, the Firebase Auth emulator, the credentials endpoint and the sample call app.
 *
 * <p>{@link #up} starts each part as a {@link LocalService} and returns a {@link Running} stack, recorded in the
 * state file; closing it stops every part by PID, newest first (the one shutdown path: after a failed start, on
 * Ctrl-C, and on {@code turnkit local down} of a foreground stack). {@link Running#detach()} leaves the parts
 * running, and {@link #down} stops what a state file lists. The turnkit subcommands that run as child processes
 * get their command lines from {@link ChildCommands}, implemented by the CLI.
 */
public final class LocalStack {
    /** The coturn version of the Debian/Ubuntu package the local profile is rendered for. */
    public static final String COTURN_VERSION = "4.6.1";
    static final String REALM = "turnkit.local";
    /** Every part listens on loopback only. */
    static final String LOOPBACK = "127.0.0.1";
    /** The name in the self-signed certificate, used in the {@code turns:} URI. */
    static final String TLS_HOST = "localhost";
    /** The state file's name for the JVM of a foreground {@code local up}. */
    static final String FOREGROUND = "local-up";
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * The checks run after start: all but {@code peer-deny-sweep}, because the local profile deliberately relays to
     * loopback (two browsers on one machine call each other through it), which the sweep would rightly flag.
     * The production profile's deny list is checked on real coturn by the render tests.
     */
    public static final List<String> LOCAL_CHECKS = Checks.ALL.stream()
            .filter(c -> !c.equals(Checks.PEER_DENY_SWEEP)).toList();

    private LocalStack() {
    }

    /**
     * A started stack: its endpoints, and its parts. Recorded in the state file while it runs, so that
     * {@code turnkit local status} and {@code down} see it whether it runs in the foreground (this JVM is then
     * recorded first, and {@code down} stops it too: its shutdown hook closes the stack) or detached.
     */
    public static final class Running implements AutoCloseable {
        final Path stateDir;
        private final List<LocalService<?>> services = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        private LocalEndpoints endpoints;
        private TurnRestCredentials sampleCredential;
        private CheckReport checkReport;
        private boolean closed;

        private Running(Path stateDir) {
            this.stateDir = stateDir;
        }

        /** Starts {@code service}, waits until it serves, and returns its endpoint; it is stopped by close(). */
        synchronized <E> E start(LocalService<E> service, PrintWriter log, String what) {
            log.println("local: starting " + what);
            log.flush();
            services.add(service);
            service.start();
            service.awaitReady(START_TIMEOUT);
            return service.endpoint();
        }

        /** The result of {@code turnkit check} against the local coturn, unless checks were turned off. */
        public Optional<CheckReport> checkReport() {
            return Optional.ofNullable(checkReport);
        }

        /** Every endpoint, as {@code turnkit local up --json} prints it. */
        public LocalEndpoints endpoints() {
            return endpoints;
        }

        /** A credential for the local coturn, valid for an hour, for trying it by hand. */
        public TurnRestCredentials sampleCredential() {
            return sampleCredential;
        }

        /** Parts that were skipped and why (e.g. the Firestore emulator is not installed). */
        public List<String> warnings() {
            return List.copyOf(warnings);
        }

        /** Every process of the stack, oldest first. */
        public synchronized List<ManagedChild> children() {
            List<ManagedChild> all = new ArrayList<>();
            services.forEach(s -> all.addAll(s.processes()));
            all.sort(Comparator.comparing(ManagedChild::startedAt));
            return all;
        }

        /** Records the stack, with this JVM first, as a foreground stack (removed again by close()). */
        private void recordForeground() {
            ProcessHandle self = ProcessHandle.current();
            List<ManagedChild> all = new ArrayList<>();
            all.add(new ManagedChild(FOREGROUND, self.pid(), self.info().startInstant().orElse(Instant.now()),
                    List.of(self.info().command().orElse("java")), stateDir.resolve("logs").toString()));
            all.addAll(children());
            StateFile.write(stateDir, all, endpoints);
        }

        /** Leaves everything running, recorded in the state file for {@code turnkit local down}. */
        public synchronized void detach() {
            StateFile.write(stateDir, children(), endpoints);
            services.clear();
            closed = true;
        }

        /** Stops every part by PID, newest first, and removes the state file (a no-op after {@link #detach()}). */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            services.clear();
            StateFile.delete(stateDir);
        }
    }

    /**
     * Starts the stack. Progress goes to {@code log} (stderr in the CLI). On any failure everything already
     * started is stopped again before the exception propagates.
     *
     * @param commands the command lines of the turnkit subcommands run as child processes
     * @throws LocalStackException with a message that says which part failed, why, and how to fix it
     */
    public static Running up(LocalOptions options, ChildCommands commands, PrintWriter log) {
        Path state = options.stateDir().toAbsolutePath();
        refuseIfAlreadyUp(state);
        Path turnserver = turnserver(Executables.find("turnserver"));
        Running running = new Running(state);
        try {
            Path logs = Files.createDirectories(state.resolve("logs"));
            LocalPorts ports = new LocalPorts(options.autoPorts());
            Path secretFile = LocalParts.secret(state.resolve("turn-secret"));
            byte[] secret = Files.readString(secretFile, StandardCharsets.US_ASCII).trim()
                    .getBytes(StandardCharsets.US_ASCII);
            LocalTls tls = LocalTls.create(state.resolve("tls"));

            LocalEndpoints.Turn turn = running.start(LocalParts.coturn(turnserver, state, ports, secretFile, secret, tls, logs),
                    log, "coturn");
            LocalEndpoints.Firestore firestore = LocalParts.firestore(options, ports, logs, running, log);
            int appPort = ports.pick("sample app", LocalPorts.SAMPLE_APP, false);
            LocalEndpoints.Auth auth = null;
            LocalEndpoints.Credentials credentials = null;
            Path nodeModules = options.repoRoot().resolve("e2e").resolve("node_modules");
            if (LocalParts.wanted(options.auth(), Files.isRegularFile(nodeModules.resolve("firebase-tools/package.json")),
                    "Auth emulator and credentials endpoint", "run 'npm ci --prefix e2e' in the turnkit checkout",
                    running.warnings)) {
                int authPort = ports.pick("Auth emulator", LocalPorts.AUTH, false);
                Path authDir = Files.createDirectories(state.resolve("auth"));
                auth = running.start(new EmulatorService<>("auth-emulator", authDir.resolve("auth-emulator.log"),
                        () -> AuthEmulator.start(nodeModules, options.projectId(), authDir, authPort, START_TIMEOUT),
                        a -> OptionalLong.of(a.pid()),
                        a -> new LocalEndpoints.Auth(LOOPBACK, authPort, a.baseUri().toString())),
                        log, "the Auth emulator on " + LOOPBACK + ":" + authPort);
                int credPort = ports.pick("credentials endpoint", LocalPorts.CREDENTIALS, false);
                List<String> command = commands.credentialsServe(new ChildCommands.CredentialsEndpoint(credPort,
                        // the name on the local certificate: turns: must use it, or browsers fail TLS (701)
                        options.projectId(), secretFile, TLS_HOST, turn.port(), turn.tlsPort(),
                        List.of(LocalParts.origin(LOOPBACK, appPort), LocalParts.origin("localhost", appPort)),
                        LOOPBACK + ":" + authPort));
                URI health = URI.create("http://" + LOOPBACK + ":" + credPort + "/healthz");
                credentials = running.start(new ProcessService<>("credentials", command, state,
                        logs.resolve("credentials.log"), () -> LocalParts.httpOk(health),
                        new LocalEndpoints.Credentials(CredentialsUrl.of("http", LOOPBACK, credPort))),
                        log, "the credentials endpoint on " + LOOPBACK + ":" + credPort);
            }
            LocalEndpoints.SampleApp app = LocalParts.sampleApp(options, commands, appPort, firestore, auth, credentials,
                    running, log);
            running.endpoints = new LocalEndpoints(options.projectId(), turn, firestore, auth, credentials, app,
                    state.toString(), logs.toString());
            running.sampleCredential = TurnRestCredentials.issue(secret, "local-sample", Duration.ofHours(1),
                    Instant.now());
            if (options.runChecks()) {
                log.println("local: checking coturn (" + String.join(", ", LOCAL_CHECKS) + ")");
                log.flush();
                TurnTarget target = new TurnTarget(LOOPBACK, turn.port(), turn.tlsPort(), TLS_HOST,
                        tls.certificate(), CredentialSource.restSecret(secret));
                running.checkReport = new CheckRunner(Duration.ofSeconds(10))
                        .run(Checks.suite(target, LOCAL_CHECKS, Checks.allTransports()));
            }
            running.recordForeground();
            return running;
        } catch (IOException e) {
            running.close();
            throw new LocalStackException("cannot prepare " + state + ": " + e.getMessage(), e);
        } catch (LocalStackException e) {
            running.close();
            throw e;
        } catch (RuntimeException e) {
            running.close();
            throw new LocalStackException(Causes.describe(e), e);
        }
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

    /** The endpoints of the stack recorded in {@code stateDir}, foreground or detached, if it is up. */
    public static Optional<LocalEndpoints> status(Path stateDir) {
        return StateFile.read(stateDir)
                .filter(s -> s.children().stream().anyMatch(c -> c.live().isPresent()))
                .map(StateFile.State::endpoints);
    }

    private static void refuseIfAlreadyUp(Path state) {
        Optional<StateFile.State> existing = StateFile.read(state);
        if (existing.isPresent()) {
            if (existing.get().children().stream().anyMatch(c -> c.live().isPresent())) {
                throw new LocalStackException("a local stack is already up (state in " + state
                        + "); stop it with 'turnkit local down' or use another state directory");
            }
            StateFile.delete(state);
        }
    }
}
