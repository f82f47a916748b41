package dev.turnkit.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting for a real process (sleep, or a shell that exits) to be ready. */
class ReadinessTest {
    private static final Duration POLL = Duration.ofMillis(20);

    @Test
    void theProbeIsPolledUntilItHolds() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            int[] polls = {0};
            assertThat(Readiness.await(Duration.ofSeconds(20), POLL, () -> ++polls[0] == 3, p::isAlive))
                    .isEqualTo(Readiness.Outcome.READY);
            assertThat(polls[0]).isEqualTo(3);
        } finally {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatExitsFirstEndsTheWaitAtOnce() throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "exit 3").start();
        assertThat(Readiness.await(Duration.ofSeconds(60), POLL, () -> false, p::isAlive))
                .isEqualTo(Readiness.Outcome.EXITED);
        assertThat(p.exitValue()).isEqualTo(3);
    }

    @Test
    void aProcessThatNeverBecomesReadyTimesOut() throws Exception {
        Process p = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(Readiness.await(Duration.ofMillis(200), POLL, () -> false, p::isAlive))
                    .isEqualTo(Readiness.Outcome.TIMED_OUT);
            assertThat(p.isAlive()).as("the wait does not stop the process; its caller does").isTrue();
        } finally {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void anInterruptEndsTheWait() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Readiness.await(Duration.ofSeconds(60), POLL, () -> false, () -> true))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
