package dev.turnkit.load;

import dev.turnkit.transport.TlsOptions;
import dev.turnkit.transport.TransportType;
import java.time.Duration;
import java.util.Objects;

/**
 * What to run.
 *
 * @param transport client leg to the server: UDP, or TCP/TLS carrying STUN and ChannelData on one stream (the relay
 *     leg is UDP either way)
 * @param host TURN server
 * @param port its port for {@code transport} (e.g. 3478 for udp and tcp, 5349 for tls)
 * @param tls how to verify the server's certificate; needed for TLS only, else null
 * @param calls concurrent calls (each two allocations)
 * @param duration how long media flows once the first call is up
 * @param rate packets per second each call sends (and its peer echoes)
 * @param payload bytes per packet (160 = 20 ms of G.711)
 * @param rampUp time over which calls are set up
 */
public record LoadOptions(TransportType transport, String host, int port, TlsOptions tls, int calls,
        Duration duration, int rate, int payload, Duration rampUp) {
    public LoadOptions {
        Objects.requireNonNull(transport, "transport");
        if (transport == TransportType.TLS && tls == null) {
            throw new IllegalArgumentException("TLS needs the name to verify the server's certificate against");
        }
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
