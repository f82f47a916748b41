package dev.turnkit.check;

import java.util.Collection;

/**
 * The verdict of a check, Nagios-style. For the overall verdict, CRITICAL (a confirmed failure) outranks UNKNOWN
 * (could not tell), which outranks WARNING and OK.
 */
public enum Status {
    OK(0, 0),
    WARNING(1, 1),
    CRITICAL(2, 3),
    UNKNOWN(3, 2);

    private final int exitCode;
    private final int rank;

    Status(int exitCode, int rank) {
        this.exitCode = exitCode;
        this.rank = rank;
    }

    /** The Nagios plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. */
    public int exitCode() {
        return exitCode;
    }

    /** The worse of two statuses. */
    public Status worse(Status other) {
        return other.rank > rank ? other : this;
    }

    /** The worst status of all, OK for none. */
    public static Status worst(Collection<Status> statuses) {
        Status worst = OK;
        for (Status s : statuses) {
            worst = worst.worse(s);
        }
        return worst;
    }
}
