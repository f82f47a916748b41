package dev.turnkit.rules;

/**
 * A compile issue reported by the Rules API ({@code projects:test}) or the emulator. Every position field is
 * optional: "Ruleset uses old version" comes without line and column.
 *
 * @param severity {@code ERROR}, {@code WARNING}, {@code DEPRECATION} or {@code SEVERITY_UNSPECIFIED}
 */
public record RulesIssue(String file, Integer line, Integer column, String severity, String message) {

    public boolean isError() {
        return "ERROR".equals(severity);
    }

    /** {@code file:line:col severity message}; unknown positions print as {@code ?}. */
    public String format() {
        return (file == null ? "?" : file) + ":" + (line == null ? "?" : line) + ":" + (column == null ? "?" : column)
                + " " + severity + " " + message;
    }
}
