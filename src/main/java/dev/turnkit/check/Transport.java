package dev.turnkit.check;

import java.util.Locale;

/**
 * The transport a check uses to reach the TURN server: {@code udp}, {@code tcp} or {@code tls} ({@code turns:}).
 * The check API has its own enum (mapped to {@code transport.TransportType} inside) so callers such as
 * {@code local} can use the checks without depending on {@code transport}, which the dependency rule forbids.
 */
public enum Transport {
    UDP,
    TCP,
    TLS;

    /** Lower-case name as used on the command line and in results. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses udp, tcp or tls (any case). */
    public static Transport parse(String text) {
        for (Transport t : values()) {
            if (t.id().equalsIgnoreCase(text.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "' (expected udp, tcp or tls)");
    }

    dev.turnkit.transport.TransportType toTransportType() {
        return dev.turnkit.transport.TransportType.valueOf(name());
    }
}
