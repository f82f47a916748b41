package dev.turnkit.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One emulator process started here: its output appended to a log, waited for until it serves, and stopped by PID
 * (SIGTERM, 5 s grace, then SIGKILL of it and the children it left). Never looks a process up by name.
 */
final class EmulatorProcess {
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
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (up.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new RulesException(RulesException.Kind.BAD_INPUT, what + " exited with "
                        + process.exitValue() + " before it was ready; log " + log + ": " + logTail());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RulesException(RulesException.Kind.REFUSED, "interrupted while starting " + what, e);
            }
        }
        throw new RulesException(RulesException.Kind.BAD_INPUT, what + " was not ready after "
                + timeout.toSeconds() + " s; log " + log + ": " + logTail());
    }

    /** Stops it by PID: SIGTERM, 5 s grace, then SIGKILL; then SIGKILL to the children it had. */
    void stop() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        handle.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** The log's last 5 lines joined with {@code " | "}, for a one-line error. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A port free on loopback now (the emulator binds it a moment later). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
