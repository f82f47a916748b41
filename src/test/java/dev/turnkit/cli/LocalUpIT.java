package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.testsupport.Components;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit local up --detach}, use it, {@code turnkit local down}: nothing is left running. */
class LocalUpIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    record Run(int code, String out, String err) {
    }

    static Run turnkit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void upDetachedServesEveryPartAndDownStopsThemAll() throws Exception {
        Components.turnserver();
        Components.e2eNodeModules();
        List<Long> pids = new ArrayList<>();
        try {
            // given: a detached local stack on free ports
            Run up = turnkit("local", "up", "--detach", "--json", "--ports", "auto", "--no-check",
                    "--state-dir", stateDir.toString());
            assertThat(up.code()).as("local up exit code; stderr:\n" + up.err()).isZero();
            JsonNode endpoints = JSON.readTree(up.out());
            JsonNode state = JSON.readTree(stateDir.resolve("state.json").toFile());
            state.path("children").forEach(c -> pids.add(c.path("pid").asLong()));
            assertThat(pids).as("coturn, Auth emulator, credentials endpoint and sample app at least").hasSizeGreaterThanOrEqualTo(4);

            // then: one JSON document with every endpoint
            assertThat(endpoints.path("projectId").asText()).isEqualTo("demo-turnkit");
            assertThat(endpoints.path("turn").path("uris").toString())
                    .contains("turn:127.0.0.1:" + endpoints.path("turn").path("port").asInt() + "?transport=udp")
                    .contains("turns:localhost:" + endpoints.path("turn").path("tlsPort").asInt());
            assertThat(Path.of(endpoints.path("turn").path("secretFile").asText())).isRegularFile();
            assertThat(Path.of(endpoints.path("turn").path("caFile").asText())).isRegularFile();

            // and: a signed-in user gets credentials for the local coturn from the endpoint
            String authUrl = endpoints.path("authEmulator").path("url").asText();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> signUp = http.send(HttpRequest.newBuilder(URI.create(authUrl
                    + "/identitytoolkit.googleapis.com/v1/accounts:signUp?key=local"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"returnSecureToken\":true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String idToken = JSON.readTree(signUp.body()).path("idToken").asText();
            HttpResponse<String> creds = http.send(HttpRequest.newBuilder(
                    URI.create(endpoints.path("credentials").path("url").asText()))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + idToken).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(creds.statusCode()).as("credentials endpoint: " + creds.body()).isEqualTo(200);
            // every URI names the host on the local certificate, so the turns: entry passes the browser's TLS check
            assertThat(creds.body()).contains("iceServers", "turn:localhost:" + endpoints.path("turn").path("port"),
                    "turns:localhost:" + endpoints.path("turn").path("tlsPort")).doesNotContain("127.0.0.1");

            // and: 'turnkit check' passes against the local stack, with credentials fetched from the endpoint
            // with the user's ID token (the path a real app takes) and with the shared secret
            Path tokenFile = stateDir.resolve("id-token");
            Files.writeString(tokenFile, idToken);
            String[] target = {"check", "--server", "127.0.0.1",
                "--port", endpoints.path("turn").path("port").asText(),
                "--tls-port", endpoints.path("turn").path("tlsPort").asText(),
                "--tls-server-name", "localhost", "--ca-file", endpoints.path("turn").path("caFile").asText(),
                "--checks", String.join(",", dev.turnkit.local.LocalStack.LOCAL_CHECKS), "--timeout", "20s",
                "--json"};
            Run viaEndpoint = turnkit(concat(target, "--credentials-url",
                    endpoints.path("credentials").path("url").asText(), "--id-token-file", tokenFile.toString()));
            assertThat(viaEndpoint.code()).as("check with endpoint credentials:\n" + viaEndpoint.out()
                    + viaEndpoint.err()).isZero();
            JsonNode report = JSON.readTree(viaEndpoint.out());
            assertThat(report.path("status").asText()).isEqualTo("OK");
            assertThat(report.toString()).as("allocated over udp, tcp and tls").contains("\"transport\":\"tls\"")
                    .doesNotContain(idToken);
            Run viaSecret = turnkit(concat(target, "--secret-file",
                    endpoints.path("turn").path("secretFile").asText()));
            assertThat(viaSecret.code()).as("check with the secret file:\n" + viaSecret.out()).isZero();

            Files.writeString(tokenFile, "not-a-token");
            Run badToken = turnkit(concat(target, "--credentials-url",
                    endpoints.path("credentials").path("url").asText(), "--id-token-file", tokenFile.toString()));
            assertThat(badToken.code()).as("a refused ID token: the allocating checks cannot run")
                    .isEqualTo(3);
            assertThat(badToken.out()).contains("cannot fetch TURN credentials", "401");

            // and: the sample app is served with its config
            HttpResponse<String> app = http.send(HttpRequest.newBuilder(URI.create(
                    endpoints.path("sampleApp").path("url").asText() + "config.json")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(app.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(app.body()).path("credentialsUrl").asText())
                    .isEqualTo(endpoints.path("credentials").path("url").asText());

            // and: a second 'up' on the same state dir is refused without side effects
            Run again = turnkit("local", "up", "--detach", "--ports", "auto", "--state-dir", stateDir.toString());
            assertThat(again.code()).isEqualTo(3);
            assertThat(again.err()).contains("already up", "turnkit local down");

            Run status = turnkit("local", "status", "--state-dir", stateDir.toString());
            assertThat(status.code()).isZero();
        } finally {
            Run down = turnkit("local", "down", "--state-dir", stateDir.toString());
            assertThat(down.code()).isZero();
        }
        // then: nothing it started is left running
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
                    .as("process " + pid + " stopped by 'local down'").isEmpty();
        }
        assertThat(Files.exists(stateDir.resolve("state.json"))).isFalse();
        assertThat(turnkit("local", "status", "--state-dir", stateDir.toString()).code())
                .as("status after down").isEqualTo(2);
    }

    @Test
    void aForegroundStackIsSeenByStatusAndStoppedByDownFromAnotherTerminal() throws Exception {
        Components.turnserver();
        // given: 'turnkit local up' in the foreground, in its own JVM (another terminal)
        java.util.List<String> command = new java.util.ArrayList<>(LocalChildCommands.turnkit(List.of("local", "up",
                "--ports", "auto", "--no-check", "--firestore", "off", "--auth", "off",
                "--state-dir", stateDir.toString())));
        Process up = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(stateDir.resolve("foreground-up.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Run status = turnkit("local", "status", "--state-dir", stateDir.toString());
            while (status.code() != 0 && up.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                status = turnkit("local", "status", "--state-dir", stateDir.toString());
            }
            // then: status sees it, with its endpoints
            assertThat(status.code()).as("status of a foreground stack; stderr: " + status.err()).isZero();
            JsonNode endpoints = JSON.readTree(status.out());
            assertThat(endpoints.path("turn").path("uris").get(0).asText()).startsWith("stun:127.0.0.1:");
            assertThat(endpoints.path("credentials").isNull()).as("--auth off").isTrue();
            List<Long> pids = new ArrayList<>();
            JSON.readTree(stateDir.resolve("state.json").toFile()).path("children")
                    .forEach(c -> pids.add(c.path("pid").asLong()));
            assertThat(pids).as("the foreground JVM is recorded first").first().isEqualTo(up.pid());

            // and: down from here stops it all, through the foreground JVM's own shutdown path
            Run down = turnkit("local", "down", "--state-dir", stateDir.toString());
            assertThat(down.code()).isZero();
            assertThat(up.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("foreground JVM exited").isTrue();
            for (long pid : pids) {
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process " + pid).isEmpty();
            }
            assertThat(turnkit("local", "status", "--state-dir", stateDir.toString()).code()).isEqualTo(2);
        } finally {
            up.destroyForcibly();
            turnkit("local", "down", "--state-dir", stateDir.toString());
        }
    }

    @Test
    void downWithNothingUpIsFine() {
        Run down = turnkit("local", "down", "--state-dir", stateDir.toString());
        assertThat(down.code()).isZero();
        assertThat(down.err()).contains("nothing was running");
    }

    @Test
    void badOptionsAreOneLineAndExit3() {
        Run r = turnkit("local", "up", "--ports", "random", "--state-dir", stateDir.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--ports must be 'standard' or 'auto'");
        Run p = turnkit("local", "up", "--project-id", "prod-project", "--state-dir", stateDir.toString());
        assertThat(p.code()).isEqualTo(3);
        assertThat(p.err()).contains("must start with 'demo-'");
        assertThat(stateDir.resolve("state.json")).doesNotExist();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
