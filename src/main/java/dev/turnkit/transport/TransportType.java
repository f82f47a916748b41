package dev.turnkit.transport;

import java.util.Locale;

/** How a client reaches a STUN/TURN server: {@code turn:...?transport=udp|tcp} or {@code turns:} (TLS over TCP). */
public enum TransportType {
    UDP,
    TCP,
    TLS;

    /** Lower-case name as used on the command line and in reports: udp, tcp, tls. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses udp, tcp or tls (any case). */
    public static TransportType parse(String text) {
        for (TransportType t : values()) {
            if (t.id().equalsIgnoreCase(text.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "' (expected udp, tcp or tls)");
    }

    public boolean isStream() {
        return this != UDP;
    }
}
