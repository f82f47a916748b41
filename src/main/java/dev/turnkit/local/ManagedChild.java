package dev.turnkit.local;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A process started by {@code turnkit local up}, as recorded in the state file so that {@code turnkit local down}
 * can stop exactly it: by PID, and only if the process with that PID still has the recorded start time (a PID can
 * be reused by an unrelated process after a reboot or a crash).
 *
 * @param name what it is ("coturn", "firestore-emulator", ...)
 * @param pid the operating-system process id
 * @param startedAt the process start time as the OS reports it
 * @param command the command line, for messages
 * @param log the file its stdout and stderr go to
 */
public record ManagedChild(String name, long pid, Instant startedAt, List<String> command, String log) {

    public ManagedChild {
        command = List.copyOf(command);
    }

    /** The live process this record describes, if it is still running (same PID and same start time). */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(s -> sameSecond(s, startedAt)).orElse(false));
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return b != null && Math.abs(a.getEpochSecond() - b.getEpochSecond()) <= 1;
    }
}
