package dev.turnkit.rules;

import java.util.List;

/** The rules do not compile; {@link #issues()} carry line and column where known. */
public final class RulesCompileException extends RulesException {
    private static final long serialVersionUID = 1L;
    private final transient List<RulesIssue> issues;

    public RulesCompileException(String file, List<RulesIssue> issues) {
        super(Kind.BAD_INPUT, file + " does not compile: " + issues.stream().filter(RulesIssue::isError)
                .findFirst().map(RulesIssue::format).orElse("(no position given)"));
        this.issues = List.copyOf(issues);
    }

    public List<RulesIssue> issues() {
        return issues;
    }
}
