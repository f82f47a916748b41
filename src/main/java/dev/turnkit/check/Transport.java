package dev.turnkit.check;

/**
 * The transport a check uses to reach the TURN server: {@code udp}, {@code tcp} or {@code tls} ({@code turns:}).
 * The check API has its own enum (mapped to {@code transport.TransportType} inside) so callers such as
 * {@code local} can use the checks without depending on {@code transport}, which the dependency rule forbids.
 */
public enum Transport {
    UDP,
    TCP,
    TLS;

    /** Lower-case name as used on the command line and in results (as {@code TransportType.id()}). */
    public String id() {
        return toTransportType().id();
    }

    /** Parses udp, tcp or tls (any case), with {@code TransportType}'s grammar and message. */
    public static Transport parse(String text) {
        return valueOf(dev.turnkit.transport.TransportType.parse(text).name());
    }

    dev.turnkit.transport.TransportType toTransportType() {
        return dev.turnkit.transport.TransportType.valueOf(name());
    }
}
