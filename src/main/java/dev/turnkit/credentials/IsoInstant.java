package dev.turnkit.credentials;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@link Instant#toString()} (ISO-8601, as {@code DateTimeFormatter.ISO_INSTANT} writes it) without the formatter's
 * cost on the hot path: the date and time up to the second are formatted once per second and the fraction is
 * appended by hand (none, or 3, 6 or 9 digits, as ISO_INSTANT does). Years outside 0000-9999 take the JDK's path.
 */
final class IsoInstant {
    private static volatile Cached cached = new Cached(Long.MIN_VALUE, "");
    private static final long MAX_FAST_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

    private record Cached(long second, String text) {
    }

    private IsoInstant() {
    }

    /** Exactly {@code instant.toString()}. */
    static String format(Instant instant) {
        return append(new StringBuilder(30), instant).toString();
    }

    /** Appends exactly {@code instant.toString()} to {@code sb}. */
    static StringBuilder append(StringBuilder sb, Instant instant) {
        long second = instant.getEpochSecond();
        if (second < 0 || second > MAX_FAST_SECOND) {
            return sb.append(instant);
        }
        Cached c = cached;
        if (c.second != second) {
            // yyyy-MM-ddTHH:mm:ss, as ISO_LOCAL_DATE_TIME writes it with seconds always present
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            StringBuilder p = new StringBuilder(19);
            pad(p, t.getYear(), 4).append('-');
            pad(p, t.getMonthValue(), 2).append('-');
            pad(p, t.getDayOfMonth(), 2).append('T');
            pad(p, t.getHour(), 2).append(':');
            pad(p, t.getMinute(), 2).append(':');
            pad(p, t.getSecond(), 2);
            c = new Cached(second, p.toString());
            cached = c;
        }
        sb.append(c.text);
        int nano = instant.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                pad(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                pad(sb, nano / 1000, 6);
            } else {
                pad(sb, nano, 9);
            }
        }
        return sb.append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        for (int limit = 10, d = 1; d < digits; d++, limit *= 10) {
            if (value < limit) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }
}
