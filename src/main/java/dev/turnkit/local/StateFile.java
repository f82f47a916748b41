package dev.turnkit.local;

import dev.turnkit.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The record a running local stack keeps ({@code <state-dir>/state.json}), in the foreground or detached: which
 * processes it runs and its endpoints, so that {@code turnkit local down} stops exactly those and
 * {@code turnkit local status} can show them, from any terminal.
 */
public final class StateFile {
    static final String NAME = "state.json";

    private StateFile() {
    }

    /** What a state file holds. */
    public record State(List<ManagedChild> children, LocalEndpoints endpoints) {
        public State {
            children = List.copyOf(children);
        }
    }

    /** The file's JSON form (an instant as ISO-8601 text, without Jackson's java.time module). */
    record Stored(List<Child> children, LocalEndpoints endpoints) {
        record Child(String name, long pid, String startedAt, List<String> command, String log) {
            static Child of(ManagedChild c) {
                return new Child(c.name(), c.pid(), c.startedAt().toString(), c.command(), c.log());
            }

            ManagedChild toManagedChild() {
                return new ManagedChild(name, pid, java.time.Instant.parse(startedAt), command, log);
            }
        }
    }

    /** Writes the state atomically (temp file + rename), readable by the owner only. */
    public static void write(Path stateDir, List<ManagedChild> children, LocalEndpoints endpoints) {
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(NAME + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, Json.pretty().writeValueAsBytes(new Stored(
                    children.stream().map(Stored.Child::of).toList(), endpoints)));
            Files.move(tmp, stateDir.resolve(NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LocalStackException("cannot write the local stack state to " + stateDir + ": " + e.getMessage(),
                    e);
        }
    }

    /** Reads the state, or empty when no stack is recorded there. */
    public static Optional<State> read(Path stateDir) {
        Path file = stateDir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Stored stored = Json.MAPPER.readValue(file.toFile(), Stored.class);
            return Optional.of(new State(stored.children().stream().map(Stored.Child::toManagedChild).toList(),
                    stored.endpoints()));
        } catch (IOException | RuntimeException e) {
            throw new LocalStackException("the local stack state " + file + " is unreadable (" + e.getMessage()
                    + "); stop the processes it lists by hand, then delete it", e);
        }
    }

    /** Removes the state file (after everything it lists has stopped). */
    public static void delete(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(NAME));
        } catch (IOException e) {
            throw new LocalStackException("cannot delete " + stateDir.resolve(NAME) + ": " + e.getMessage(), e);
        }
    }
}
