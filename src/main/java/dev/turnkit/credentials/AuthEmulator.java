package dev.turnkit.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.model.Json;
import dev.turnkit.process.LoopbackPorts;
import dev.turnkit.process.ProcessLog;
import dev.turnkit.process.ProcessStopper;
import dev.turnkit.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Firebase Auth emulator from npm {@code firebase-tools}, run as a child process on loopback for tests and
 * {@code turnkit local up}: a generated {@code firebase.json} in a work directory (auth, hub and logging on free
 * loopback ports, no UI), a {@code demo-} project so nothing can reach Google, readiness by {@code GET /}, stopped by
 * PID with SIGINT (its clean shutdown) and then killed. Also signs users up and disables them through the
 * emulator's REST API, which gives real (unsigned) ID tokens.
 */
public final class AuthEmulator implements AutoCloseable {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final String projectId;
    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http;

    /** A user signed up in the emulator and its ID token (valid for an hour). */
    public record SignedInUser(String uid, String idToken) {
        @Override
        public String toString() {
            return "SignedInUser[uid=" + uid + ", idToken=<redacted>]";
        }
    }

    private AuthEmulator(String projectId, int port, Process process, Path log) {
        this.projectId = projectId;
        this.port = port;
        this.process = process;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Starts the emulator and waits until it answers.
     *
     * @param nodeModules the {@code node_modules} holding {@code firebase-tools} (the repo's {@code e2e/node_modules})
     * @param projectId a {@code demo-} project id
     * @param workDir where {@code firebase.json} and {@code auth-emulator.log} are written
     * @param timeout how long to wait for readiness (startup takes 10-60 s on a busy machine)
     * @throws IllegalStateException if it exits early or is not ready in time (the log tail is in the message)
     */
    public static AuthEmulator start(Path nodeModules, String projectId, Path workDir, Duration timeout) {
        return start(nodeModules, projectId, workDir, 0, timeout);
    }

    /**
     * Starts the emulator on a given loopback port ({@code 0}: any free port), e.g. the standard 9099 that apps'
     * {@code connectAuthEmulator} calls expect.
     */
    public static AuthEmulator start(Path nodeModules, String projectId, Path workDir, int authPort,
            Duration timeout) {
        if (!projectId.startsWith("demo-")) {
            throw new IllegalArgumentException("the Auth emulator runs with a demo- project id so it cannot reach "
                    + "Google (got '" + projectId + "')");
        }
        Path firebase = nodeModules.resolve(".bin").resolve("firebase");
        if (!Files.isRegularFile(firebase)) {
            throw new IllegalStateException("firebase-tools not found at " + firebase
                    + "; run 'npm ci --prefix e2e' in the repository root");
        }
        int port = authPort == 0 ? LoopbackPorts.free() : authPort;
        int hub = LoopbackPorts.free();
        int logging = LoopbackPorts.free();
        Path log = workDir.resolve("auth-emulator.log");
        Process process;
        try {
            Files.createDirectories(workDir);
            Files.writeString(workDir.resolve("firebase.json"), JSON.writeValueAsString(Map.of("emulators", Map.of(
                    "auth", Map.of("host", "127.0.0.1", "port", port),
                    "hub", Map.of("host", "127.0.0.1", "port", hub),
                    "logging", Map.of("host", "127.0.0.1", "port", logging),
                    "ui", Map.of("enabled", false),
                    "singleProjectMode", true))));
            ProcessBuilder pb = new ProcessBuilder(List.of(firebase.toString(), "emulators:start", "--only", "auth",
                    "--project", projectId))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().remove(FirebaseIdTokenVerifier.EMULATOR_ENV);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Auth emulator", e);
        }
        AuthEmulator emulator = new AuthEmulator(projectId, port, process, log);
        emulator.awaitReady(timeout);
        return emulator;
    }

    private void awaitReady(Duration timeout) {
        Readiness.Outcome outcome;
        try {
            outcome = Readiness.await(timeout, Duration.ofMillis(250), this::answers, process::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for the Auth emulator", e);
        }
        switch (outcome) {
            case READY -> {
            }
            case EXITED -> throw new IllegalStateException("the Auth emulator exited with " + process.exitValue()
                    + " before it was ready:\n" + logTail());
            case TIMED_OUT -> {
                String tail = logTail();
                close();
                throw new IllegalStateException("the Auth emulator was not ready after " + timeout + ":\n" + tail);
            }
        }
    }

    /** Whether {@code GET /} says the emulator is ready. */
    private boolean answers() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/"))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"ready\"");
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the wait's next sleep ends it
            return false;
        }
    }

    public String projectId() {
        return projectId;
    }

    /** {@code 127.0.0.1:<port>}, what {@code --auth-emulator} takes. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    public URI baseUri() {
        return URI.create("http://" + hostPort());
    }

    public long pid() {
        return process.pid();
    }

    /** Signs up an email/password user and returns its uid and ID token. */
    public SignedInUser signUp(String email, String password) {
        return signUp(Map.of("email", email, "password", password, "returnSecureToken", true));
    }

    /** Signs up an anonymous user. */
    public SignedInUser signUpAnonymously() {
        return signUp(Map.of("returnSecureToken", true));
    }

    private SignedInUser signUp(Map<String, Object> body) {
        JsonNode r = post("/identitytoolkit.googleapis.com/v1/accounts:signUp?key=fake-api-key", body, false);
        return new SignedInUser(r.path("localId").asText(), r.path("idToken").asText());
    }

    /** Disables a user (admin call with the emulator's {@code Bearer owner}). */
    public void disableUser(String uid) {
        post("/identitytoolkit.googleapis.com/v1/projects/" + projectId + "/accounts:update",
                Map.of("localId", uid, "disableUser", true), true);
    }

    private JsonNode post(String path, Map<String, Object> body, boolean admin) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(baseUri().resolve(path))
                    .timeout(HTTP_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (admin) {
                b.header("Authorization", "Bearer owner");
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Auth emulator " + path + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Auth emulator call " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String logTail() {
        return ProcessLog.tail(log, 30, "\n");
    }

    /** SIGINT by PID (firebase-tools' clean shutdown), up to 10 s, then SIGKILL to it and its children. */
    @Override
    public void close() {
        ProcessStopper.stop(process.toHandle(), ProcessStopper.Signal.INT, Duration.ofSeconds(10));
    }
}
