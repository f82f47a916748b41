package dev.turnkit.infra;

import dev.turnkit.model.PortRange;
import java.util.Optional;

/**
 * One rule of the host's cloud firewall (an OCI network security group rule), identified by a stable key. The
 * key, not the rule's position, names the Pulumi resource ({@code <host>-<key>}), so adding or removing a rule
 * never replaces the others (terraform-aws-modules' {@code security_group_ingress_rules} pattern). Not to be confused with
 * {@link dev.turnkit.model.FirewallRule}, the public port list both firewalls are built from.
 *
 * @param key       stable name, e.g. {@code relay-udp}
 * @param direction ingress or egress
 * @param protocol  transport
 * @param cidr      source CIDR for ingress, destination CIDR for egress
 * @param ports     for ingress the destination ports, for egress the source ports (the stateless reply twin of
 *                  an ingress rule); empty for ICMP and {@code all}
 * @param icmp      ICMP type and code, for ICMP rules
 * @param stateless true when the rule bypasses connection tracking (needs a matching rule the other way)
 * @param why       the one-line reason, shown in {@code turnkit plan} and in the OCI console
 */
public record NsgRule(String key, Direction direction, Protocol protocol, String cidr,
        Optional<PortRange> ports, Optional<Icmp> icmp, boolean stateless, String why) {

    /** Traffic direction as seen from the host. */
    public enum Direction {
        INGRESS, EGRESS
    }

    /** The transport; {@link #wire()} is the IANA protocol number OCI expects as a string. */
    public enum Protocol {
        TCP("6"), UDP("17"), ICMP("1"), ALL("all");

        private final String wire;

        Protocol(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** ICMP type and code (type 3 code 4: "fragmentation needed", path-MTU discovery). */
    public record Icmp(int type, int code) {
    }

    public NsgRule {
        if (!key.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("rule key must be lower-case words joined by '-': " + key);
        }
    }

    /** {@code 22}, {@code 49152-50151}, {@code type 3 code 4} or {@code all}. */
    public String portsText() {
        if (icmp.isPresent()) {
            return "type " + icmp.get().type() + " code " + icmp.get().code();
        }
        return ports.map(p -> p.min() == p.max() ? Integer.toString(p.min()) : p.toString()).orElse("all");
    }
}
