package dev.turnkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample page's own logic, without a browser: web/test/*.test.mjs under Node's test runner ({@code node --test}),
 * e.g. the ICE grace period of web/js/ice.js on a fake clock: a transient {@code failed} that a late remote
 * candidate revives does not end the call, and one that lasts ends it once the grace period is over, with a message
 * that says what was tried. SampleCallTest drives the whole page in Chromium.
 */
class SamplePageUnitTest {
    private static final Pattern PASSED = Pattern.compile("(?m)^# pass (\\d+)$");

    @TempDir
    Path tmp;

    @Test
    void thePagesLogicPassesItsNodeTests() throws Exception {
        Path tests = Path.of("web", "test").toAbsolutePath();
        assertThat(tests.resolve("ice.test.mjs")).as("the page's unit tests").isRegularFile();
        Path log = tmp.resolve("node-test.log");
        Process node = new ProcessBuilder("node", "--test", tests.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("node --test finishes within 120 s; output:%n%s", output).isTrue();
        assertThat(node.exitValue()).as("every test of web/test passes; output:%n%s", output).isZero();
        Matcher passed = PASSED.matcher(output);
        assertThat(passed.find() && Integer.parseInt(passed.group(1)) >= 7)
                .as("node ran the page's tests (at least the 7 of ice.test.mjs); output:%n%s", output).isTrue();
    }
}
