package dev.turnkit.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A part whose own launcher ({@code rules.FirestoreEmulator}, {@code credentials.AuthEmulator}) starts it and
 * waits until it serves; this adapter gives it the {@link LocalService} shape and records its PID.
 *
 * @param <S> the launcher's handle
 * @param <E> the endpoint record
 */
final class EmulatorService<S extends AutoCloseable, E> implements LocalService<E> {
    private final String name;
    private final Path log;
    private final Supplier<S> launcher;
    private final Function<S, OptionalLong> pid;
    private final Function<S, E> endpoint;
    private S running;

    EmulatorService(String name, Path log, Supplier<S> launcher, Function<S, OptionalLong> pid,
            Function<S, E> endpoint) {
        this.name = name;
        this.log = log;
        this.launcher = launcher;
        this.pid = pid;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    /** Starts it and, as its launcher does, waits until it serves. */
    @Override
    public void start() {
        running = launcher.get();
    }

    /** Already ready: the launcher waited in {@link #start()}. */
    @Override
    public void awaitReady(Duration timeout) {
    }

    /** The launcher's handle, for what only it can do (loading rules). */
    S handle() {
        return running;
    }

    @Override
    public E endpoint() {
        return endpoint.apply(running);
    }

    @Override
    public List<ManagedChild> processes() {
        OptionalLong p = running == null ? OptionalLong.empty() : pid.apply(running);
        if (p.isEmpty()) {
            return List.of();
        }
        return ProcessHandle.of(p.getAsLong())
                .map(h -> List.of(new ManagedChild(name, p.getAsLong(), h.info().startInstant().orElse(Instant.now()),
                        List.of(h.info().command().orElse(name)), log.toString())))
                .orElse(List.of());
    }

    @Override
    public void close() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                // close() of each launcher already falls back to SIGKILL; keep stopping the others
            }
        }
    }
}
