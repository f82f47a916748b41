package dev.turnkit.testsupport;

import dev.turnkit.process.LoopbackPorts;
import dev.turnkit.process.ProcessLog;
import dev.turnkit.process.ProcessStopper;
import dev.turnkit.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A real server started by a test as a child process, its output in a log file, stopped by PID (SIGTERM, then
 * SIGKILL) in {@link #close()}. Use in try-with-resources or an {@code @AfterEach}/{@code @AfterAll}.
 */
public final class ManagedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}. */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Path log) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new ManagedProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Waits until {@code ready} holds, failing with the log tail if the process dies or the timeout passes. */
    public ManagedProcess awaitReady(Duration timeout, BooleanSupplier ready) {
        Readiness.Outcome outcome;
        try {
            outcome = Readiness.await(timeout, Duration.ofMillis(50), ready, process::isAlive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        switch (outcome) {
            case READY -> {
                return this;
            }
            case EXITED -> throw new AssertionError(name + " exited with " + process.exitValue()
                    + " before it was ready:\n" + logTail());
            default -> {
                close();
                throw new AssertionError(name + " not ready after " + timeout + ":\n" + logTail());
            }
        }
    }

    /** Waits until a TCP connect to {@code host:port} succeeds. */
    public ManagedProcess awaitTcp(String host, int port, Duration timeout) {
        return awaitReady(timeout, () -> canConnect(host, port));
    }

    public static boolean canConnect(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public String logTail() {
        return ProcessLog.tail(log, 40, "\n");
    }

    /** Stops the process by PID: SIGTERM, up to 5 s grace, then SIGKILL (children too). */
    @Override
    public void close() {
        ProcessStopper.stop(process.toHandle(), ProcessStopper.Signal.TERM, Duration.ofSeconds(5));
    }

    /** A free TCP port on loopback (also free for UDP in practice; retry on a bind race). */
    public static int freePort() {
        return LoopbackPorts.free();
    }
}
