package dev.turnkit.rules;

/** A Rules API, emulator or Firestore request failed; the message is one line that says what to do. */
public class RulesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure: the CLI maps {@link Kind#BAD_INPUT} to UNKNOWN (3) and the others to CRITICAL (2). */
    public enum Kind { BAD_INPUT, REFUSED }

    private final Kind kind;

    public RulesException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public RulesException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
