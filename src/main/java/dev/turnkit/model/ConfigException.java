package dev.turnkit.model;

import java.util.List;

/**
 * Invalid configuration or input. Carries every problem found, each a line naming the key, the bad value and what
 * is allowed; the CLI maps it to exit code 3 (UNKNOWN).
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public ConfigException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
