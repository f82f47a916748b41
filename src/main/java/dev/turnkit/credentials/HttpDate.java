package dev.turnkit.credentials;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code Date} response header (RFC 9110 §6.6.1, IMF-fixdate), formatted once per second rather than once per
 * response.
 */
final class HttpDate {
    /** Two-digit day, English names, always GMT (RFC 1123's formatter in the JDK writes a one-digit day). */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static volatile Cached cached = new Cached(Long.MIN_VALUE, "");

    private record Cached(long second, String text) {
    }

    private HttpDate() {
    }

    /** Now, e.g. {@code Mon, 30 Nov 2026 21:00:00 GMT}. */
    static String now() {
        return of(System.currentTimeMillis() / 1000);
    }

    static String of(long epochSecond) {
        Cached c = cached;
        if (c.second != epochSecond) {
            c = new Cached(epochSecond, IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond)));
            cached = c;
        }
        return c.text;
    }
}
