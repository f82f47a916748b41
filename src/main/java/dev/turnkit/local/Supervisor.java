package dev.turnkit.local;

import dev.turnkit.process.ProcessStopper;
import dev.turnkit.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Starts the local stack's processes and stops them again, newest first, by PID: SIGTERM, a grace period, then
 * SIGKILL of the process and any children it left. Never looks processes up by name.
 */
public final class Supervisor implements AutoCloseable {
    /** How long a process gets to exit after SIGTERM before it is killed. */
    public static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private final List<ManagedChild> children = Collections.synchronizedList(new ArrayList<>());

    /**
     * Starts {@code command} in {@code workDir} with stdout and stderr appended to {@code log}, and stdin closed.
     *
     * @throws LocalStackException if the program cannot be started
     */
    public ManagedChild start(String name, List<String> command, Path workDir, Path log, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new LocalStackException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        Instant started = process.toHandle().info().startInstant().orElse(Instant.now());
        ManagedChild child = new ManagedChild(name, process.pid(), started, command, log.toString());
        children.add(child);
        return child;
    }

    /**
     * Waits until {@code ready} holds. Fails with the tail of the child's log if it exits first or the timeout
     * passes.
     */
    public void awaitReady(ManagedChild child, Duration timeout, BooleanSupplier ready) {
        Readiness.Outcome outcome;
        try {
            outcome = Readiness.await(timeout, POLL, ready, () -> child.live().isPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
        }
        switch (outcome) {
            case READY -> {
            }
            case EXITED -> throw new LocalStackException(child.name() + " exited before it was ready; last log lines:\n"
                    + LogTail.of(Path.of(child.log()), 15));
            case TIMED_OUT -> throw new LocalStackException(child.name() + " was not ready after "
                    + timeout.toSeconds() + " s; last log lines:\n" + LogTail.of(Path.of(child.log()), 15));
        }
    }

    /** The processes started so far, oldest first. */
    public List<ManagedChild> children() {
        synchronized (children) {
            return List.copyOf(children);
        }
    }

    /** Forgets the children without stopping them (after {@code --detach} hands them to the state file). */
    public void release() {
        children.clear();
    }

    /** Stops every child, newest first. */
    @Override
    public void close() {
        List<ManagedChild> toStop = new ArrayList<>(children());
        Collections.reverse(toStop);
        for (ManagedChild child : toStop) {
            stop(child);
        }
        children.clear();
    }

    /**
     * Stops one recorded process by PID if it is still the process that was started.
     *
     * @return true if a live process was stopped, false if it had already gone
     */
    public static boolean stop(ManagedChild child) {
        return child.live().map(handle -> {
            ProcessStopper.stop(handle, ProcessStopper.Signal.TERM, GRACE);
            return true;
        }).orElse(false);
    }
}
