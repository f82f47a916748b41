package dev.turnkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record a detached local stack leaves behind ({@code <state-dir>/state.json}): which processes it started and
 * the endpoints it printed, so that {@code turnkit local down} stops exactly those and {@code turnkit local status}
 * can show them again.
 */
public final class StateFile {
    static final String NAME = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateFile() {
    }

    /** What a state file holds. */
    public record State(List<ManagedChild> children, JsonNode endpoints) {
        public State {
            children = List.copyOf(children);
        }
    }

    /** Writes the state atomically (temp file + rename), readable by the owner only. */
    public static void write(Path stateDir, List<ManagedChild> children, JsonNode endpoints) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("children");
        for (ManagedChild c : children) {
            ObjectNode n = list.addObject();
            n.put("name", c.name());
            n.put("pid", c.pid());
            n.put("startedAt", c.startedAt().toString());
            ArrayNode cmd = n.putArray("command");
            c.command().forEach(cmd::add);
            n.put("log", c.log());
        }
        root.set("endpoints", endpoints == null ? JSON.createObjectNode() : endpoints);
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(NAME + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
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
            JsonNode root = JSON.readTree(file.toFile());
            List<ManagedChild> children = new ArrayList<>();
            for (JsonNode n : root.path("children")) {
                List<String> cmd = new ArrayList<>();
                n.path("command").forEach(c -> cmd.add(c.asText()));
                children.add(new ManagedChild(n.path("name").asText(), n.path("pid").asLong(),
                        Instant.parse(n.path("startedAt").asText()), cmd, n.path("log").asText()));
            }
            return Optional.of(new State(children, root.path("endpoints")));
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
