package dev.turnkit.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A part that is one child process started by the {@link Supervisor}, ready when {@code ready} holds. */
final class ProcessService<E> implements LocalService<E> {
    private final String name;
    private final List<String> command;
    private final Path workDir;
    private final Path log;
    private final BooleanSupplier ready;
    private final E endpoint;
    private final Supervisor supervisor = new Supervisor();
    private ManagedChild child;

    ProcessService(String name, List<String> command, Path workDir, Path log, BooleanSupplier ready, E endpoint) {
        this.name = name;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.log = log;
        this.ready = ready;
        this.endpoint = endpoint;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        child = supervisor.start(name, command, workDir, log, java.util.Map.of());
    }

    @Override
    public void awaitReady(Duration timeout) {
        supervisor.awaitReady(child, timeout, ready);
    }

    @Override
    public E endpoint() {
        return endpoint;
    }

    @Override
    public List<ManagedChild> processes() {
        return supervisor.children();
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
