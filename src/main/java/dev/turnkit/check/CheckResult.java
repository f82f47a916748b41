package dev.turnkit.check;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param name the check's name, e.g. {@code turn-allocate}
 * @param transport {@code udp}, {@code tcp}, {@code tls}
 * @param status the verdict
 * @param duration how long the check took
 * @param detail one line: what was found or what failed, and the likely cause; never a secret
 */
public record CheckResult(String name, String transport, Status status, Duration duration, String detail) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(detail, "detail");
        detail = detail.replace('\n', ' ').replace('\r', ' ');
    }
}
