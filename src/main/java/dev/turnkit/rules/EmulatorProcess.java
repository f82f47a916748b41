package dev.turnkit.rules;

import dev.turnkit.process.ProcessLog;
import dev.turnkit.process.ProcessStopper;
import dev.turnkit.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One emulator process started here: its output appended to a log, waited for until it serves, and stopped by PID
 * (SIGTERM, 5 s grace, then SIGKILL of it and the children it left). Never looks a process up by name.
 */
final class EmulatorProcess {
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String what;
    private final Process process;
    private final Path log;

    private EmulatorProcess(String what, Process process, Path log) {
        this.what = what;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code log}.
     *
     * @param what the emulator, for messages ("the Firestore emulator")
     */
    static EmulatorProcess start(String what, List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new EmulatorProcess(what, process, log);
        } catch (IOException e) {
            throw new RulesException(RulesException.Kind.BAD_INPUT, "cannot start " + what + ": " + e, e);
        }
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Polls {@code up} every 100 ms; fails with the log's last lines if the process exits first or time runs out. */
    void awaitReady(Duration timeout, BooleanSupplier up) {
        Readiness.Outcome outcome;
        try {
            outcome = Readiness.await(timeout, POLL, up, process::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RulesException(RulesException.Kind.REFUSED, "interrupted while starting " + what, e);
        }
        switch (outcome) {
            case READY -> {
            }
            case EXITED -> throw new RulesException(RulesException.Kind.BAD_INPUT, what + " exited with "
                    + process.exitValue() + " before it was ready; log " + log + ": " + logTail());
            case TIMED_OUT -> throw new RulesException(RulesException.Kind.BAD_INPUT, what + " was not ready after "
                    + timeout.toSeconds() + " s; log " + log + ": " + logTail());
        }
    }

    /** Stops it by PID: SIGTERM, 5 s grace, then SIGKILL; then SIGKILL to the children it had. */
    void stop() {
        ProcessStopper.stop(process.toHandle(), ProcessStopper.Signal.TERM, GRACE);
    }

    /** The log's last 5 lines joined with {@code " | "}, for a one-line error. */
    String logTail() {
        return ProcessLog.tail(log, 5, " | ");
    }

    /** A new temporary log file named after {@code prefix}. */
    static Path tempLog(String prefix) {
        try {
            return Files.createTempFile(prefix, ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
