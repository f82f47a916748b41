package dev.turnkit.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a process by PID: a graceful signal, a grace period, then SIGKILL (and up to {@link #KILL_WAIT} for it to
 * go); last, SIGKILL to the descendants it had when the stop began and that are still alive (a server's own
 * children, e.g. the JVM that a launcher script started). Every wait has a timeout, so a stop never hangs; an
 * interrupt skips the grace period and kills at once.
 */
public final class ProcessStopper {
    /** How long a process gets to go after SIGKILL before the stop gives up waiting. */
    public static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** The signal that asks a process to shut down cleanly. */
    public enum Signal {
        /** SIGTERM, what most servers shut down on. */
        TERM,
        /** SIGINT, what Ctrl-C sends; the clean shutdown of some Node.js tools (firebase-tools). */
        INT
    }

    private ProcessStopper() {
    }

    /**
     * Stops {@code process}: {@code signal}, up to {@code grace} for it to exit, then SIGKILL; then SIGKILL to the
     * descendants it had. A process that has already exited is left alone.
     *
     * @return true if the process has exited when this returns
     */
    public static boolean stop(ProcessHandle process, Signal signal, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            if (!ask(process, signal) || !exited(process, grace)) {
                process.destroyForcibly();
                exited(process, KILL_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return !process.isAlive();
    }

    /** Sends {@code signal}; false if it could not be sent (then the caller kills at once). */
    private static boolean ask(ProcessHandle process, Signal signal) throws InterruptedException {
        if (signal == Signal.TERM) {
            return process.destroy();
        }
        // The JDK sends only SIGTERM and SIGKILL; SIGINT goes through kill(1), by PID.
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean exited(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
