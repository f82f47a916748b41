package dev.turnkit.infra;

import dev.turnkit.infra.FirewallRule.Direction;
import dev.turnkit.infra.FirewallRule.Icmp;
import dev.turnkit.infra.FirewallRule.Protocol;
import dev.turnkit.model.Cidr;
import dev.turnkit.model.PortRange;
import dev.turnkit.model.StackConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cloud firewall of the TURN host as a table keyed by stable names (coturn.md §7.2). SSH is open only to
 * {@code turnkit:adminSshCidr}; the TURN ports and the relay range to everyone. UDP rules are stateless with a
 * matching stateless egress twin (high-volume media must not fill the per-VNIC connection-tracking table, and a
 * stateless ingress rule without its twin breaks replies). The host firewall on the VM mirrors this table.
 */
public final class FirewallRules {
    /** Everyone (IPv4). */
    public static final String ANYWHERE = "0.0.0.0/0";

    private FirewallRules() {
    }

    /** The rules for a stack, sorted by key. */
    public static SortedMap<String, FirewallRule> of(StackConfig config) {
        StackConfig.Ports p = config.ports();
        SortedMap<String, FirewallRule> rules = new TreeMap<>();
        add(rules, tcp("ssh", config.access().adminSshCidr(), 22, "SSH for administrators only"));
        add(rules, tcp("acme-http", ANYWHERE, 80, "ACME http-01 challenges (certbot)"));
        add(rules, tcp("credentials-https", ANYWHERE, p.credentials(), "HTTPS credentials endpoint"));
        add(rules, tcp("turn-tcp", ANYWHERE, p.listening(), "STUN/TURN over TCP"));
        add(rules, tcp("turns-tcp", ANYWHERE, p.tls(), "TURN over TLS"));
        add(rules, udpStateless("turn-udp", single(p.listening()), "STUN/TURN over UDP"));
        add(rules, udpStateless("relay-udp", p.relay(), "TURN relay endpoints"));
        add(rules, new FirewallRule("icmp-path-mtu", Direction.INGRESS, Protocol.ICMP, ANYWHERE, Optional.empty(),
                Optional.of(new Icmp(3, 4)), false, "path-MTU discovery (fragmentation needed)"));
        add(rules, new FirewallRule("egress-all", Direction.EGRESS, Protocol.ALL, ANYWHERE, Optional.empty(),
                Optional.empty(), false, "relay to peers, apt, ACME, token keys"));
        return Collections.unmodifiableSortedMap(rules);
    }

    /**
     * Policy checks on a firewall table: SSH (TCP 22) is never open to the whole internet. The config already
     * refuses {@code turnkit:adminSshCidr: 0.0.0.0/0}; this guards rules added in code.
     */
    public static List<String> policyViolations(SortedMap<String, FirewallRule> rules) {
        List<String> out = new ArrayList<>();
        for (FirewallRule r : rules.values()) {
            boolean ssh = r.direction() == Direction.INGRESS
                    && (r.protocol() == Protocol.TCP || r.protocol() == Protocol.ALL)
                    && r.ports().map(p -> p.contains(22)).orElse(true);
            if (ssh && Cidr.parse(r.cidr()).prefix() == 0) {
                out.add("firewall rule " + r.key() + " opens SSH (TCP 22) to " + r.cidr()
                        + " — SSH must be limited to turnkit:adminSshCidr");
            }
        }
        return out;
    }

    /** The rules plus one more (keys must stay unique): how a new rule is added without touching the others. */
    public static SortedMap<String, FirewallRule> with(SortedMap<String, FirewallRule> rules, FirewallRule extra) {
        SortedMap<String, FirewallRule> copy = new TreeMap<>(rules);
        add(copy, extra);
        return Collections.unmodifiableSortedMap(copy);
    }

    private static void add(SortedMap<String, FirewallRule> rules, FirewallRule rule) {
        if (rules.putIfAbsent(rule.key(), rule) != null) {
            throw new IllegalArgumentException("duplicate firewall rule key: " + rule.key());
        }
    }

    private static void add(SortedMap<String, FirewallRule> rules, FirewallRule[] pair) {
        for (FirewallRule r : pair) {
            add(rules, r);
        }
    }

    private static FirewallRule tcp(String key, String cidr, int port, String why) {
        return new FirewallRule(key, Direction.INGRESS, Protocol.TCP, cidr, Optional.of(single(port)),
                Optional.empty(), false, why);
    }

    private static FirewallRule[] udpStateless(String key, PortRange ports, String why) {
        return new FirewallRule[] {
            new FirewallRule(key, Direction.INGRESS, Protocol.UDP, ANYWHERE, Optional.of(ports), Optional.empty(),
                    true, why),
            new FirewallRule(key + "-egress", Direction.EGRESS, Protocol.UDP, ANYWHERE, Optional.of(ports),
                    Optional.empty(), true, why + " (stateless reply twin: source ports)"),
        };
    }

    private static PortRange single(int port) {
        return new PortRange(port, port);
    }
}
