package dev.turnkit.check;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param name the check's name, e.g. {@code turn-allocate}
 * @param transport {@code udp}, {@code tcp}, {@code tls}
 * @param status the verdict
 * @param duration how long the check took
 * @param detail one line: what was found or what failed, and the likely cause; never a secret
 * @param measurements numbers the check measured, by key ({@link #RTT_P50_MS}, …); empty when none
 */
public record CheckResult(String name, String transport, Status status, Duration duration, String detail,
        Map<String, Double> measurements) {
    /** relay-echo: median round-trip time through the relay, in milliseconds. */
    public static final String RTT_P50_MS = "rtt_p50_ms";
    /** relay-echo: 95th percentile round-trip time through the relay, in milliseconds. */
    public static final String RTT_P95_MS = "rtt_p95_ms";
    /** relay-echo: lost packets / sent packets, 0..1. */
    public static final String LOSS_RATIO = "loss_ratio";
    /** tls-certificate: the earliest expiry in the chain, Unix time in seconds. */
    public static final String CERT_EXPIRY_EPOCH_SECONDS = "certificate_expiry_epoch_seconds";

    /** A result without measurements. */
    public CheckResult(String name, String transport, Status status, Duration duration, String detail) {
        this(name, transport, status, duration, detail, Map.of());
    }

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(detail, "detail");
        detail = detail.replace('\n', ' ').replace('\r', ' ');
        measurements = measurements == null ? Map.of() : Map.copyOf(measurements);
    }
}
