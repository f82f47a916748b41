package dev.turnkit.load;

import java.time.Duration;

/**
 * What to run.
 *
 * @param host TURN server
 * @param port its UDP port
 * @param calls concurrent calls (each two allocations)
 * @param duration how long media flows once the first call is up
 * @param rate packets per second each call sends (and its peer echoes)
 * @param payload bytes per packet (160 = 20 ms of G.711)
 * @param rampUp time over which calls are set up
 */
public record LoadOptions(String host, int port, int calls, Duration duration, int rate, int payload,
        Duration rampUp) {
    public LoadOptions {
        if (calls < 1 || calls > 1000) {
            throw new IllegalArgumentException("--calls must be 1..1000, got " + calls);
        }
        if (rate < 1 || rate > 1000) {
            throw new IllegalArgumentException("--rate must be 1..1000 packets per second, got " + rate);
        }
        if (payload < 16 || payload > 1200) {
            throw new IllegalArgumentException("--payload must be 16..1200 bytes, got " + payload);
        }
        if (rampUp.compareTo(duration) >= 0) {
            throw new IllegalArgumentException("--ramp-up must be shorter than --duration");
        }
    }
}
