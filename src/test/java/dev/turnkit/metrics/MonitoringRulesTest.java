package dev.turnkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.testsupport.Components;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code monitoring/turnkit.rules.yml}: valid for Prometheus, and its alerts fire when they should (promtool). */
class MonitoringRulesTest {
    static final Path RULES = Path.of("monitoring", "turnkit.rules.yml");
    static final Path RULE_TESTS = Path.of("monitoring", "turnkit.rules.test.yml");
    @TempDir
    Path dir;

    record Result(int code, String output) {
    }

    static Result promtool(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Components.promtool().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void theRulesAreValidAndTheirUnitTestsPass() throws Exception {
        Result check = promtool(Path.of("monitoring"), "check", "rules", RULES.getFileName().toString());
        assertThat(check.code()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 5 rules found");
        Result test = promtool(Path.of("monitoring"), "test", "rules", RULE_TESTS.getFileName().toString());
        assertThat(test.code()).as(test.output()).isZero();
    }

    @Test
    void theUnitTestsCatchAWrongThreshold() throws Exception {
        Files.writeString(dir.resolve(RULES.getFileName()), Files.readString(RULES)
                .replace("(turnkit_check_failing_runs) >= 2", "(turnkit_check_failing_runs) >= 3"));
        Files.copy(RULE_TESTS, dir.resolve(RULE_TESTS.getFileName()));
        Result test = promtool(dir, "test", "rules", RULE_TESTS.getFileName().toString());
        assertThat(test.code()).as("alerting after 3 failed runs instead of 2 must fail the tests").isNotZero();
        assertThat(test.output()).contains("TurnkitCheckFailing");
    }
}
