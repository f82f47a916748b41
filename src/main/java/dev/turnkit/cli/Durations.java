package dev.turnkit.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;

/**
 * The one duration grammar of every turnkit option: a number with a unit ({@code 500ms}, {@code 2s},
 * {@code 1.5s}, {@code 15m}, {@code 1h}), a bare number of seconds ({@code 90}), or ISO-8601 ({@code PT1M}).
 * Options use {@link Converter} (positive) or {@link NonNegativeConverter} (where 0 means "never").
 */
final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /** A positive duration. */
    static Duration parse(String text) {
        Duration d = parseNonNegative(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got '" + text + "'");
        }
        return d;
    }

    /** A duration of zero or more. */
    static Duration parseNonNegative(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(s);
        Duration d;
        if (m.matches()) {
            double value = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            long unitMillis = switch (unit) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            d = Duration.ofMillis(Math.round(value * unitMillis));
        } else {
            try {
                d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("invalid duration '" + text + "' (use e.g. 500ms, 90s, 15m, 1h)");
            }
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, got '" + text + "'");
        }
        return d;
    }

    /** Picocli converter for options that need a positive duration. */
    static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }

    /** Picocli converter for options where 0 is allowed (e.g. "never cache"). */
    static final class NonNegativeConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parseNonNegative(value);
        }
    }
}
