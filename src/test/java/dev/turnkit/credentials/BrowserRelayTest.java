package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.turnkit.testsupport.Components;
import dev.turnkit.testsupport.CoturnServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path a web app takes: headless Chromium on a page of its own origin fetches credentials from the endpoint
 * (CORS) with a Firebase ID token and opens a relay-only data channel through local coturn.
 */
@ExtendWith(SharedAuthEmulator.Resolver.class)
class BrowserRelayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void chromiumOpensARelayOnlyDataChannelWithCredentialsFromTheEndpoint(AuthEmulator emulator) throws Exception {
        Path chromium = Components.chromium();
        Path node = Components.require("node", Path.of("/usr/bin/node"), "install it with 'apt-get install -y nodejs'");
        Components.e2eNodeModules();
        Path script = Path.of("e2e", "relay-datachannel.mjs").toAbsolutePath();
        byte[] pageScript = Files.readAllBytes(Path.of("e2e", "relay-page.js"));
        String secret = TestSecrets.random();
        AuthEmulator.SignedInUser user = emulator.signUp("browser-" + System.nanoTime() + "@example.com", "secret123");

        HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        String origin = "http://127.0.0.1:" + page.getAddress().getPort();
        try (CoturnServer coturn = TurnAllocation.coturn(secret);
             CredentialsServer endpoint = CredentialsServer.start(CredentialsServerConfig.builder()
                     .port(0)
                     .projectId(emulator.projectId())
                     .secretFile(TestSecrets.write(dir, "turn-secret", secret, "rw-------"))
                     .turnHost("127.0.0.1")
                     .turnPort(coturn.port())
                     .allowOrigin(origin)
                     .authEmulatorHost(emulator.hostPort())
                     .build(), Map.of(), Clock.systemUTC(), new AccessLog(l -> { }))) {
            page.createContext("/relay-page.js", ex -> {
                ex.getResponseHeaders().set("Content-Type", "text/javascript");
                ex.sendResponseHeaders(200, pageScript.length);
                ex.getResponseBody().write(pageScript);
                ex.close();
            });
            page.createContext("/", ex -> {
                byte[] html = "<!doctype html><meta charset=utf-8><script src=\"/relay-page.js\"></script>"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/html");
                ex.sendResponseHeaders(200, html.length);
                ex.getResponseBody().write(html);
                ex.close();
            });
            page.start();

            Path out = dir.resolve("browser.out");
            ProcessBuilder pb = new ProcessBuilder(List.of(node.toString(), script.toString(), origin + "/",
                    endpoint.credentialsUri().toString(), chromium.toString(), "30000"))
                    .redirectOutput(out.toFile())
                    .redirectError(dir.resolve("browser.err").toFile());
            pb.environment().put("ID_TOKEN", user.idToken());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("the browser run did not finish in 120 s: "
                        + Files.readString(dir.resolve("browser.err")));
            }
            String output = Files.readString(out).strip();
            String diagnostics = output + "\n" + Files.readString(dir.resolve("browser.err")) + "\ncoturn:\n"
                    + coturn.logTail();
            assertThat(p.exitValue()).as("the browser run succeeded:\n" + diagnostics).isZero();
            JsonNode result = JSON.readTree(output.lines().reduce((a, b) -> b).orElse("{}"));
            assertThat(result.path("channelState").asText()).as("data channel open").isEqualTo("open");
            assertThat(result.path("message").asText()).isEqualTo("hello through the relay");
            assertThat(result.path("localCandidateType").asText()).as("selected pair is relay on our side")
                    .isEqualTo("relay");
            assertThat(result.path("remoteCandidateType").asText()).as("and on the remote side").isEqualTo("relay");
            assertThat(result.path("gatheredTypes").toString()).as("relay policy: nothing but relay candidates")
                    .isEqualTo("[\"relay\"]");
        } finally {
            page.stop(0);
        }
    }
}
