package dev.turnkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.cli.Main;
import dev.turnkit.testsupport.Components;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample call page (web/, the Firebase Web SDK bundled by web/build.mjs) in headless Chromium against
 * {@code turnkit local up}: two signed-in users make a relay-only call through real coturn, the Firestore emulator
 * with the project's rules, the Auth emulator and the credentials endpoint; then relay only on one side and on
 * neither, a reload mid-call, a third user's denied listeners, and each iceServers entry on its own. The browser side is e2e/sample-call.mjs; this test brings the stack up, runs the script
 * with a deadline and always brings the stack down. Screenshots go to target/test-artifacts/sample-call/.
 */
class SampleCallTest {
    private static final long SCRIPT_TIMEOUT_SECONDS = 360;
    private static final Pattern TIME_TO_CONNECTED = Pattern.compile("TIME_TO_CONNECTED_MS=(\\d+)");

    @TempDir
    Path tmp;

    @Test
    void twoUsersCallRelayOnlyThroughTheSamplePageAndAThirdIsDenied() throws Exception {
        Components.chromium();
        Components.turnserver();
        Components.firestoreEmulatorJar();
        Path nodeModules = Components.e2eNodeModules();
        bundleThePage(Components.webNodeModules());
        Path script = nodeModules.getParent().resolve("sample-call.mjs");
        Path stateDir = tmp.resolve("local");

        StringWriter downErr = new StringWriter();
        int downCode;
        StringWriter upOut = new StringWriter();
        StringWriter upErr = new StringWriter();
        int up = Main.run(new PrintWriter(upOut), new PrintWriter(upErr),
                // free loopback ports: another stack (a developer's, another test run) may hold the standard ones
                "local", "up", "--detach", "--json", "--ports", "auto", "--state-dir", stateDir.toString());
        try {
            assertThat(up).as("turnkit local up --detach --json starts the stack; stderr:%n%s", upErr).isZero();
            Path stackJson = tmp.resolve("local-up.json");
            Files.writeString(stackJson, upOut.toString(), StandardCharsets.UTF_8);

            Path artifacts = Path.of("target", "test-artifacts", "sample-call").toAbsolutePath();
            Files.createDirectories(artifacts);
            // A screenshot left by an earlier run must not pass for this one.
            Files.deleteIfExists(artifacts.resolve("connected-caller.png"));
            Files.deleteIfExists(artifacts.resolve("connected-callee.png"));
            Path log = artifacts.resolve("sample-call.log");
            ProcessBuilder command = new ProcessBuilder(List.of("node", script.toString(), stackJson.toString(),
                    "--artifacts", artifacts.toString()))
                    .directory(nodeModules.getParent().getParent().toFile());
            // Every page's step log goes into the artifact too: it says where the time went.
            command.environment().put("VERBOSE", "1");
            Process node = command
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = node.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
            String output = read(log);
            assertThat(finished).as("sample-call.mjs finishes within %d s; output:%n%s", SCRIPT_TIMEOUT_SECONDS, output)
                    .isTrue();
            assertThat(node.exitValue()).as("every expectation of sample-call.mjs holds; output:%n%s", output)
                    .isZero();
            assertThat(output).as("the relay-only call connected and was timed").containsPattern(TIME_TO_CONNECTED);
            assertThat(artifacts.resolve("connected-caller.png")).as("screenshot of the connected call")
                    .isNotEmptyFile();
            Matcher m = TIME_TO_CONNECTED.matcher(output);
            if (m.find()) {
                System.out.println("sample call: " + m.group(1) + " ms from the Call click to connected");
            }
        } finally {
            // Always, even when up failed half-way: down stops whatever the state directory records.
            int down = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(downErr),
                    "local", "down", "--state-dir", stateDir.toString());
            downCode = down;
        }
        assertThat(downCode).as("turnkit local down stops everything; stderr:%n%s", downErr).isZero();
    }

    /** Bundles web/ (web/build.mjs) when a source changed since scripts/setup did, so the test runs the tree's page. */
    private void bundleThePage(Path web) throws IOException, InterruptedException {
        Path log = tmp.resolve("web-build.log");
        Process build = new ProcessBuilder("node", web.resolve("build.mjs").toString(), "--if-stale")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = build.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            build.destroyForcibly();
            build.waitFor(10, TimeUnit.SECONDS);
        }
        String output = read(log);
        assertThat(finished && build.exitValue() == 0).as("web/build.mjs bundles the page; output:%n%s", output)
                .isTrue();
        assertThat(web.resolve("dist").resolve("app.js")).as("the bundled page").isNotEmptyFile();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
