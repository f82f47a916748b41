package dev.turnkit.check;

import java.util.Collection;

/**
 * The verdict of a check, Nagios-style. For the overall verdict, CRITICAL (a confirmed failure) outranks UNKNOWN
 * (could not tell), which outranks WARNING and OK. The CLI's exit-code policy maps it to an exit code.
 */
public enum Status {
    OK(0),
    WARNING(1),
    CRITICAL(3),
    UNKNOWN(2);

    private final int rank;

    Status(int rank) {
        this.rank = rank;
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
