package dev.turnkit.model;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One {@code turnkit:} key of the stack file, as a row of the table in {@link StackKeys}: its name, its type in
 * {@code Pulumi.yaml}, its default, how its text is parsed, what is checked about the parsed value, and its
 * one-line description (the {@code description} of the key in {@code Pulumi.yaml}).
 *
 * <p>Immutable. The {@code with...} methods return a copy; {@link StackKeys} declares each key in one expression.
 * A key is read once per parse by {@code StackValues}, which reports each problem as
 * {@code turnkit:<name>: <message>}.
 *
 * @param <T> the parsed value's type
 */
public final class StackKey<T> {
    /** The type of the key in {@code Pulumi.yaml} ({@code type:}). */
    public enum Type {
        STRING, INTEGER, BOOLEAN, ARRAY;

        /** The name {@code Pulumi.yaml} uses. */
        public String pulumiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Reports a problem with the value being parsed; the key name is prefixed by the caller. */
    @FunctionalInterface
    interface Problems {
        void add(String message);
    }

    /**
     * Stack-file value → typed value, or {@code null} after reporting why it is not allowed. The value is the
     * trimmed, non-empty text of a scalar key, or the {@code List<String>} of an {@link Type#ARRAY} key.
     */
    @FunctionalInterface
    interface Parser<T> {
        T parse(Object value, Problems problems);
    }

    private final String name;
    private final Type type;
    private final String description;
    private final Parser<T> parser;
    private final String defaultText;
    private final String requiredHint;
    private final boolean secret;
    private final boolean zeroMeansUnset;
    private final String emptyHint;

    private StackKey(String name, Type type, String description, Parser<T> parser, String defaultText,
            String requiredHint, boolean secret, boolean zeroMeansUnset, String emptyHint) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.description = Objects.requireNonNull(description);
        this.parser = Objects.requireNonNull(parser);
        this.defaultText = defaultText;
        this.requiredHint = requiredHint;
        this.secret = secret;
        this.zeroMeansUnset = zeroMeansUnset;
        this.emptyHint = emptyHint;
    }

    static <T> StackKey<T> of(String name, Type type, String description, Parser<T> parser) {
        return new StackKey<>(name, type, description, parser, null, null, false, false, null);
    }

    /** The key without the namespace, e.g. {@code listeningPort}. */
    public String name() {
        return name;
    }

    /** The key as written in the stack file, e.g. {@code turnkit:listeningPort}. */
    public String qualifiedName() {
        return StackConfig.NAMESPACE + ":" + name;
    }

    public Type type() {
        return type;
    }

    /** One line: what the key is for (also its {@code description} in {@code Pulumi.yaml}). */
    public String description() {
        return description;
    }

    /** The default as written in the stack file (e.g. {@code 3478}), or {@code null} for none or a computed one. */
    public String defaultText() {
        return defaultText;
    }

    /** True when the stack must set this key (or, for a secret, its file variant). */
    public boolean required() {
        return requiredHint != null;
    }

    /** True for a secret: only an encrypted ({@code secure:}) value is accepted, and never decoded. */
    public boolean secret() {
        return secret;
    }

    /**
     * True when the Pulumi engine's value means "not set": blank, or {@code 0} for a key whose default depends
     * on other keys ({@code Pulumi.yaml} must give every optional key a default, so it declares {@code ""} or
     * {@code 0} for those).
     */
    public boolean isUnset(String engineValue) {
        return engineValue == null || engineValue.isBlank() || zeroMeansUnset && engineValue.trim().equals("0");
    }

    /** True for an integer key whose {@code Pulumi.yaml} default {@code 0} means "computed from other keys". */
    public boolean zeroMeansUnset() {
        return zeroMeansUnset;
    }

    // ---- table-building (used by StackKeys) ---------------------------------------------------------------

    /** The default, parsed like a value from the stack file. */
    StackKey<T> withDefault(String text) {
        return new StackKey<>(name, type, description, parser, text, requiredHint, secret, zeroMeansUnset, emptyHint);
    }

    /** Required; {@code hint} says what to set, e.g. "the TURN server's DNS name, e.g. turn.example.com". */
    StackKey<T> requiredAs(String hint) {
        return new StackKey<>(name, type, description, parser, defaultText, hint, secret, zeroMeansUnset, emptyHint);
    }

    /** A list that must not be empty when set; {@code hint} completes "empty — ". */
    StackKey<T> nonEmpty(String hint) {
        return new StackKey<>(name, type, description, parser, defaultText, requiredHint, secret, zeroMeansUnset, hint);
    }

    StackKey<T> asSecret() {
        return new StackKey<>(name, type, description, parser, defaultText, requiredHint, true, zeroMeansUnset,
                emptyHint);
    }

    StackKey<T> withZeroMeaningUnset() {
        return new StackKey<>(name, type, description, parser, defaultText, requiredHint, secret, true, emptyHint);
    }

    /** Adds a check of the parsed value; a value that fails it reads as absent after the problem is reported. */
    StackKey<T> check(Predicate<? super T> ok, Function<? super T, String> problem) {
        Parser<T> inner = parser;
        Parser<T> checked = (raw, problems) -> {
            T value = inner.parse(raw, problems);
            if (value != null && !ok.test(value)) {
                problems.add(problem.apply(value));
                return null;
            }
            return value;
        };
        return new StackKey<>(name, type, description, checked, defaultText, requiredHint, secret, zeroMeansUnset,
                emptyHint);
    }

    // ---- used by StackValues ------------------------------------------------------------------------------

    T parse(Object value, Problems problems) {
        return parser.parse(value, problems);
    }

    /** The default value, or {@code null}. */
    T defaultValue() {
        if (defaultText == null) {
            return null;
        }
        return parser.parse(defaultText, p -> {
            throw new IllegalStateException(qualifiedName() + ": the table's default '" + defaultText
                    + "' is not a valid value: " + p);
        });
    }

    String requiredHint() {
        return requiredHint;
    }

    String emptyHint() {
        return emptyHint;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
