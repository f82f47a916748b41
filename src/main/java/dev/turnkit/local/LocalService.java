package dev.turnkit.local;

import java.time.Duration;
import java.util.List;

/**
 * One part of the local stack (coturn, an emulator, the credentials endpoint, the sample app): started, awaited,
 * asked where it listens, and stopped. {@link LocalStack} starts them in order and stops them, newest first,
 * through {@link #close()} on every path (failure, Ctrl-C, {@code turnkit local down} of a foreground stack).
 *
 * @param <E> its endpoint record (see {@link LocalEndpoints})
 */
interface LocalService<E> extends AutoCloseable {
    /** What it is, for logs and the state file ("coturn", "auth-emulator", ...). */
    String name();

    /** Starts it; returns once it was launched (some launchers also wait for readiness). */
    void start();

    /** Waits until it serves; a {@link LocalStackException} with its log tail if it exits or times out first. */
    void awaitReady(Duration timeout);

    /** Where it listens; valid after {@link #awaitReady}. */
    E endpoint();

    /** Its operating-system processes, recorded in the state file by PID and start time. */
    List<ManagedChild> processes();

    /** Stops it by PID (SIGTERM, then SIGKILL); idempotent, never throws. */
    @Override
    void close();
}
