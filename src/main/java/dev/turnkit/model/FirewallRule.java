package dev.turnkit.model;

import java.util.List;

/**
 * One inbound port the TURN host must accept from anywhere (design-notes.md §7.2). The same list feeds the host
 * firewall script and the cloud network security group, keyed by stable names.
 *
 * @param name        stable key, e.g. {@code turn-udp}
 * @param protocol    {@code udp} or {@code tcp}
 * @param ports       port or range
 * @param description why the port is open
 */
public record FirewallRule(String name, String protocol, PortRange ports, String description) {

    /** The public inbound rules of a stack (SSH is separate: only from {@code adminSshCidr}). */
    public static List<FirewallRule> publicInbound(StackConfig c) {
        StackConfig.Ports p = c.ports();
        return List.of(
                new FirewallRule("turn-udp", "udp", single(p.listening()), "STUN/TURN over UDP"),
                new FirewallRule("turn-tcp", "tcp", single(p.listening()), "STUN/TURN over TCP"),
                new FirewallRule("turn-tls", "tcp", single(p.tls()), "TURN over TLS"),
                new FirewallRule("credentials-https", "tcp", single(p.credentials()), "credentials endpoint (HTTPS)"),
                new FirewallRule("acme-http", "tcp", single(80), "ACME http-01 for certbot"),
                new FirewallRule("relay-udp", "udp", p.relay(), "TURN relay ports"));
    }

    private static PortRange single(int port) {
        return new PortRange(port, port);
    }
}
