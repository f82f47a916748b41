package dev.turnkit.model;

import java.util.List;

/**
 * The STUN/TURN URIs of one server (RFC 7064 {@code stun:}, RFC 7065 {@code turn:}/{@code turns:}), built in
 * one place for the credentials endpoint's {@code iceServers}, the Pulumi stack outputs and the local stack.
 */
public final class TurnUris {
    private TurnUris() {
    }

    /** {@code stun:host:port}. */
    public static String stun(String host, int port) {
        return "stun:" + host + ":" + port;
    }

    /** {@code turn:host:port?transport=udp|tcp}. */
    public static String turn(String host, int port, String transport) {
        return "turn:" + host + ":" + port + "?transport=" + transport;
    }

    /** {@code turns:host:port?transport=tcp} (TURN over TLS). */
    public static String turns(String host, int port) {
        return "turns:" + host + ":" + port + "?transport=tcp";
    }

    /** {@code turn:} over UDP and over TCP on {@code port}. */
    public static List<String> turn(String host, int port) {
        return List.of(turn(host, port, "udp"), turn(host, port, "tcp"));
    }

    /**
     * Every URI of a server, in the order clients try them: STUN, TURN over UDP and TCP on {@code port}, and TURN
     * over TLS on {@code tlsHost:tlsPort} ({@code tlsHost} is the name in the certificate).
     */
    public static List<String> all(String host, int port, String tlsHost, int tlsPort) {
        return List.of(stun(host, port), turn(host, port, "udp"), turn(host, port, "tcp"), turns(tlsHost, tlsPort));
    }
}
