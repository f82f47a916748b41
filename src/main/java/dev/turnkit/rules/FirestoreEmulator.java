package dev.turnkit.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnkit.model.Json;
import dev.turnkit.process.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud Firestore emulator: either started here from the installed jar (firebase-tools cannot launch it on
 * Java 17) and stopped by PID in {@link #close()} (the process itself: {@link EmulatorProcess}), or attached to one
 * that is already running.
 *
 * <pre>{@code
 * try (FirestoreEmulator emulator = FirestoreEmulator.start(FirestoreEmulator.Options.defaults())) {
 *     emulator.loadRules(RulesSource.read(Path.of("firestore.rules")));   // RulesCompileException on errors
 *     String env = "FIRESTORE_EMULATOR_HOST=" + emulator.hostPort();
 * }
 * }</pre>
 */
public final class FirestoreEmulator implements AutoCloseable {
    /** Where the Debian package {@code google-cloud-cli-firestore-emulator} installs the jar. */
    public static final Path DEFAULT_JAR =
            Path.of("/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar");
    public static final String MAIN_CLASS = "com.google.cloud.datastore.emulator.firestore.CloudFirestore";
    /** Rules and data of the emulator are per project; a {@code demo-} id can never reach a real project. */
    public static final String DEFAULT_PROJECT = "demo-turnkit";

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern ISSUE_LINE = Pattern.compile("^L(\\d+):(\\d+) (.*)$");

    /**
     * How to start the emulator.
     *
     * @param port 0 picks a free loopback port
     */
    public record Options(Path jar, String host, int port, String projectId, Duration startTimeout, Path log) {
        public Options {
            Objects.requireNonNull(jar, "jar");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(projectId, "projectId");
            Objects.requireNonNull(startTimeout, "startTimeout");
        }

        /** The installed jar on 127.0.0.1, a free port, project {@value #DEFAULT_PROJECT}, 60 s to start. */
        public static Options defaults() {
            return new Options(DEFAULT_JAR, "127.0.0.1", 0, DEFAULT_PROJECT, Duration.ofSeconds(60), null);
        }

        public Options withJar(Path value) {
            return new Options(value, host, port, projectId, startTimeout, log);
        }

        public Options withPort(int value) {
            return new Options(jar, host, value, projectId, startTimeout, log);
        }

        public Options withProjectId(String value) {
            return new Options(jar, host, port, value, startTimeout, log);
        }

        public Options withStartTimeout(Duration value) {
            return new Options(jar, host, port, projectId, value, log);
        }

        /** Where the emulator's stdout and stderr go (default: a temporary file). */
        public Options withLog(Path value) {
            return new Options(jar, host, port, projectId, startTimeout, value);
        }
    }

    private final String host;
    private final int port;
    private final String projectId;
    private final EmulatorProcess process;
    private final Http http = new Http(Duration.ofSeconds(30));
    private final Http probe = new Http(Duration.ofSeconds(2));

    private FirestoreEmulator(String host, int port, String projectId, EmulatorProcess process) {
        this.host = host;
        this.port = port;
        this.projectId = projectId;
        this.process = process;
    }

    /** Starts the emulator from {@code options.jar()} and waits until it answers {@code GET /}. */
    public static FirestoreEmulator start(Options options) {
        if (!Files.isRegularFile(options.jar())) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "Firestore emulator jar not found at "
                    + options.jar() + ": install the Debian package google-cloud-cli-firestore-emulator"
                    + " or pass --emulator HOST:PORT of a running emulator");
        }
        int port = options.port() == 0 ? LoopbackPorts.free() : options.port();
        Path log = options.log() != null ? options.log() : EmulatorProcess.tempLog("firestore-emulator-");
        EmulatorProcess process = EmulatorProcess.start("the Firestore emulator", command(options, port), log);
        FirestoreEmulator emulator = new FirestoreEmulator(options.host(), port, options.projectId(), process);
        try {
            process.awaitReady(options.startTimeout(), emulator::isUp);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    /** The emulator's command line: this JVM runs the jar's main class on {@code host:port} for the project. */
    static List<String> command(Options options, int port) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return List.of(java.toString(), "-Duser.language=en", "-cp", options.jar().toString(), MAIN_CLASS, "start",
                "--host", options.host(), "--port", Integer.toString(port), "--project_id", options.projectId());
    }

    /** Uses an emulator that is already running at {@code host:port}; {@link #close()} leaves it running. */
    public static FirestoreEmulator attach(String hostPort, String projectId) {
        int colon = hostPort.lastIndexOf(':');
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port <= 0 || port > 65535) {
            throw new RulesException(RulesException.Kind.BAD_INPUT,
                    "--emulator must be HOST:PORT (e.g. 127.0.0.1:8080), got '" + hostPort + "'");
        }
        FirestoreEmulator emulator = new FirestoreEmulator(hostPort.substring(0, colon), port, projectId, null);
        if (!emulator.isUp()) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "no Firestore emulator answers at " + hostPort
                    + ": start one or drop --emulator to let turnkit start it");
        }
        return emulator;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code host:port}, the value of {@code FIRESTORE_EMULATOR_HOST}. */
    public String hostPort() {
        return host + ":" + port;
    }

    public String projectId() {
        return projectId;
    }

    /** {@code http://host:port}. */
    public URI baseUri() {
        return URI.create("http://" + hostPort());
    }

    /** The PID when this object started the emulator; empty when attached. */
    public OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** The emulator's output when started here, or null. */
    public Path log() {
        return process == null ? null : process.log();
    }

    /**
     * Loads {@code rules} for this project, without {@code ignore_errors}: broken rules are refused (the previous
     * ones stay active) and reported as a {@link RulesCompileException} with line:column per issue.
     */
    public void loadRules(RulesSource rules) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode file = body.putObject("rules").putArray("files").addObject();
        file.put("name", rules.name());
        file.put("content", rules.content());
        HttpResponse<String> r = http.send("PUT",
                baseUri().resolve("/emulator/v1/projects/" + projectId + ":securityRules"), body.toString(), Map.of());
        if (r.statusCode() == 400) {
            throw new RulesCompileException(rules.name(), parseCompileErrors(rules.name(), r.body()));
        }
        if (r.statusCode() != 200) {
            throw new RulesException(RulesException.Kind.REFUSED,
                    "the emulator refused the rules: HTTP " + r.statusCode() + " " + Http.oneLine(r.body()));
        }
    }

    /** Deletes every document of this project (subcollections too); the rules stay loaded. */
    public void clearDocuments() {
        HttpResponse<String> r = http.send("DELETE",
                baseUri().resolve("/emulator/v1/projects/" + projectId + "/databases/(default)/documents"), null,
                Map.of());
        if (r.statusCode() != 200) {
            throw new RulesException(RulesException.Kind.REFUSED,
                    "cannot clear the emulator: HTTP " + r.statusCode() + " " + Http.oneLine(r.body()));
        }
    }

    /** Stops the emulator by PID when this object started it (SIGTERM, 5 s grace, then SIGKILL). */
    @Override
    public void close() {
        if (process != null) {
            process.stop();
        }
    }

    /** Parses {@code Error compiling rules:\nL6:20 Missing 'if'...} (one issue per line). */
    static List<RulesIssue> parseCompileErrors(String file, String body) {
        String message = body;
        try {
            message = JSON.readTree(body).path("error").path("message").asText(body);
        } catch (IOException e) {
            // not JSON: parse the raw body
        }
        List<RulesIssue> issues = new ArrayList<>();
        for (String line : message.split("\n")) {
            Matcher m = ISSUE_LINE.matcher(line.trim());
            if (m.matches()) {
                issues.add(new RulesIssue(file, Integer.valueOf(m.group(1)), Integer.valueOf(m.group(2)), "ERROR",
                        m.group(3)));
            }
        }
        if (issues.isEmpty()) {
            issues.add(new RulesIssue(file, null, null, "ERROR", Http.oneLine(message)));
        }
        return issues;
    }

    private boolean isUp() {
        try {
            return probe.send("GET", baseUri().resolve("/"), null, Map.of())
                    .statusCode() == 200;
        } catch (RulesException e) {
            return false;
        }
    }
}
