package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.Status;
import dev.turnkit.model.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One exit policy: Nagios codes 0-3, check verdicts mapped through it, and what the error policy makes of failures. */
class ExitPolicyTest {

    @Test
    void codesAreTheNagiosOnesAndTheHelpListsThem() {
        assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code)).containsExactly(0, 1, 2, 3);
        assertThat(ExitCode.HELP_LIST).containsOnlyKeys("0", "1", "2", "3");
        assertThat(ExitCode.HELP_LIST.get("3")).startsWith("UNKNOWN: bad usage");
    }

    @Test
    void everyCheckVerdictMapsToTheSameNamedExitCode() {
        assertThat(ExitCode.of(Status.OK).code()).isZero();
        assertThat(ExitCode.of(Status.WARNING).code()).isEqualTo(1);
        assertThat(ExitCode.of(Status.CRITICAL).code()).isEqualTo(2);
        assertThat(ExitCode.of(Status.UNKNOWN).code()).isEqualTo(3);
        assertThat(ExitCode.of(Status.worst(java.util.List.of(Status.UNKNOWN, Status.CRITICAL))))
                .as("the worst verdict decides").isEqualTo(ExitCode.CRITICAL);
    }

    @Test
    void onlyACommandsOwnFailureChoosesItsCodeEverythingElseIsUnknown() {
        assertThat(ErrorPolicy.classify(new CommandFailedException(ExitCode.CRITICAL, "refused")))
                .isEqualTo(ExitCode.CRITICAL);
        assertThat(ErrorPolicy.classify(new CommandFailedException(ExitCode.WARNING, "drift")))
                .isEqualTo(ExitCode.WARNING);
        for (Exception e : new Exception[] {new ConfigException("bad key"), new IllegalArgumentException("bad"),
            new UncheckedIOException(new IOException("disk")), new NullPointerException(), new Exception("other")}) {
            assertThat(ErrorPolicy.classify(e)).as("bad input, local I/O and bugs are UNKNOWN: " + e)
                    .isEqualTo(ExitCode.UNKNOWN);
        }
    }
}
