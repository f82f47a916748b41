package dev.turnkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping by PID with small real processes. A JDK {@link Process} killed by a signal reports 128 + the signal's
 * number as its exit value, so the exit value tells which step stopped it: 143 SIGTERM, 137 SIGKILL.
 */
class ProcessStopperTest {
    private static final int BY_SIGTERM = 128 + 15;
    private static final int BY_SIGKILL = 128 + 9;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aProcessThatHeedsSigtermStopsWithinTheGracePeriod() throws Exception {
        Process p = startShell("echo ready; exec sleep 60");
        assertThat(ProcessStopper.stop(p.toHandle(), ProcessStopper.Signal.TERM, Duration.ofSeconds(30))).isTrue();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("stopped by SIGTERM, not killed").isEqualTo(BY_SIGTERM);
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        // An ignored signal stays ignored across exec, so sleep itself ignores SIGTERM.
        Process p = startShell("trap '' TERM; echo ready; exec sleep 60");
        long before = System.nanoTime();
        assertThat(ProcessStopper.stop(p.toHandle(), ProcessStopper.Signal.TERM, Duration.ofMillis(500))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the grace period was given first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(BY_SIGKILL);
    }

    @Test
    void sigintReachesAProcessWhoseCleanShutdownIsOnInterrupt() throws Exception {
        Process p = startShell("trap 'exit 7' INT; trap '' TERM; echo ready; while :; do sleep 0.1; done");
        assertThat(ProcessStopper.stop(p.toHandle(), ProcessStopper.Signal.INT, Duration.ofSeconds(30))).isTrue();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("its INT handler ran").isEqualTo(7);
    }

    @Test
    void theChildrenAProcessLeavesBehindAreKilledToo() throws Exception {
        // The shell dies on SIGTERM while its background sleep (which ignores SIGTERM) would live on as an orphan.
        Process p = startShell("trap '' TERM; sleep 60 & trap - TERM; echo ready; wait");
        List<ProcessHandle> children = p.toHandle().children().toList();
        assertThat(children).as("the background sleep").hasSize(1);
        started.addAll(children);
        assertThat(ProcessStopper.stop(p.toHandle(), ProcessStopper.Signal.TERM, Duration.ofSeconds(5))).isTrue();
        ProcessHandle child = children.get(0);
        child.onExit().get(5, TimeUnit.SECONDS);
        assertThat(child.isAlive()).as("the orphan was killed by PID").isFalse();
    }

    @Test
    void aProcessThatHasAlreadyExitedIsLeftAlone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessStopper.stop(p.toHandle(), ProcessStopper.Signal.TERM, Duration.ofSeconds(5))).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    /** Starts {@code sh -c script} and waits for the script's first line, so its traps are set. */
    private Process startShell(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        started.add(p.toHandle());
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the script started").isEqualTo("ready");
        return p;
    }
}
