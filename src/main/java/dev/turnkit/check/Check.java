package dev.turnkit.check;

import java.time.Duration;

/**
 * One health or security check against a TURN server. Implementations are small immutable objects made by
 * {@link Checks}; {@link #run} never throws for a failed server: every failure is a {@link CheckResult} with a
 * status and a one-line detail. A check finishes within the timeout it is given.
 */
public interface Check {

    /** e.g. {@code stun-binding}, {@code turn-allocate}. */
    String name();

    /** The transport it uses. */
    Transport transport();

    /**
     * Runs the check.
     *
     * @param timeout the time the check may take; network operations are bounded by it
     * @throws InterruptedException if the runner gave up on it
     */
    CheckResult run(Duration timeout) throws InterruptedException;
}
