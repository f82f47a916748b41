package dev.turnkit.check;

import dev.turnkit.protocol.Attribute;
import dev.turnkit.protocol.Message;
import dev.turnkit.protocol.MessageClass;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TurnClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code peer-deny-sweep}: the relay must refuse peers it could abuse (SSRF): loopback, private, link-local and
 * cloud metadata, special-purpose ranges, and the IPv4-in-IPv6 encodings that bypass IPv4 rules on coturn &lt; 4.9
 * (CVE-2026-27624) and &lt; 4.13.1. One CreatePermission per target (all in flight at once) on an IPv4 and an IPv6
 * allocation; the finding is the response itself (a success = the relay would forward). Any accepted target is
 * CRITICAL and named. Allow controls (public resolvers) must be accepted, or the deny list over-blocks (WARNING).
 * No traffic is sent to any target: CreatePermission only installs a permission on the server.
 */
final class PeerDenySweepCheck extends AbstractCheck {
    private final List<PeerTargets.Target> targets;

    PeerDenySweepCheck(TurnTarget target, Transport transport, List<PeerTargets.Target> targets) {
        super(Checks.PEER_DENY_SWEEP, transport, target);
        this.targets = List.copyOf(targets);
    }

    @Override
    Outcome probe(Deadline deadline) throws TransportException, UnknownHostException,
            CredentialSource.CredentialException {
        TurnCredential credential = requiredCredential();
        List<PeerTargets.Target> v4 = targets.stream().filter(t -> !t.ipv6()).toList();
        List<PeerTargets.Target> v6 = targets.stream().filter(PeerTargets.Target::ipv6).toList();
        List<String> accepted = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        List<String> blockedControls = new ArrayList<>();
        int refused = 0;
        String ipv6Note = "";
        try (TurnClient c4 = connect(transport(), deadline); TurnClient c6 = connect(transport(), deadline)) {
            c4.allocate(credential.username(), credential.password(), Attribute.RequestedAddressFamily.IPV4,
                    deadline);
            refused += sweep(c4, v4, deadline, accepted, unanswered, blockedControls);
            boolean v6Relay = true;
            try {
                c6.allocate(credential.username(), credential.password(), Attribute.RequestedAddressFamily.IPV6,
                        deadline);
            } catch (StunErrorException e) {
                if (e.code() != 440) {
                    throw e;
                }
                v6Relay = false;
                ipv6Note = "; no IPv6 relay (440), so the " + v6.stream().filter(t -> !t.allowControl()).count()
                        + " IPv6 targets are unreachable anyway";
            }
            if (v6Relay) {
                refused += sweep(c6, v6, deadline, accepted, unanswered, blockedControls);
            }
            release(c4, deadline);
            release(c6, deadline);
        }
        long denyTargets = targets.stream().filter(t -> !t.allowControl()).count();
        if (!accepted.isEmpty()) {
            return new Outcome(Status.CRITICAL, accepted.size() + " forbidden peer(s) ACCEPTED: "
                    + String.join(", ", accepted) + hints(accepted));
        }
        if (!unanswered.isEmpty()) {
            return new Outcome(Status.UNKNOWN, "no answer for " + unanswered.size() + " target(s) before the "
                    + "deadline: " + String.join(", ", unanswered) + " (raise --timeout)");
        }
        String summary = "all " + refused + " forbidden targets refused" + ipv6Note;
        if (!blockedControls.isEmpty()) {
            return new Outcome(Status.WARNING, summary + ", but allow control(s) " + String.join(", ",
                    blockedControls) + " refused too: the deny list over-blocks (a range starting at :: or 0.0.0.0 "
                    + "denies everything)");
        }
        long controls = targets.size() - denyTargets;
        return Outcome.ok(summary + (controls > 0 ? ", " + controls + " allow controls accepted" : ""));
    }

    /** Sweeps {@code list} on one allocation; returns the number of refused deny targets. */
    private static int sweep(TurnClient client, List<PeerTargets.Target> list, Deadline deadline,
            List<String> accepted, List<String> unanswered, List<String> blockedControls) throws TransportException {
        if (list.isEmpty()) {
            return 0;
        }
        List<InetAddress> peers = list.stream().map(PeerTargets.Target::address).toList();
        List<Optional<Message>> responses = client.createPermissions(peers, deadline);
        int refused = 0;
        for (int i = 0; i < list.size(); i++) {
            PeerTargets.Target t = list.get(i);
            Optional<Message> r = responses.get(i);
            if (r.isEmpty()) {
                unanswered.add(t.text());
            } else if (r.get().messageClass() == MessageClass.SUCCESS_RESPONSE) {
                if (!t.allowControl()) {
                    accepted.add(t.text());
                }
            } else if (t.allowControl()) {
                blockedControls.add(t.text() + " (" + r.get().error().map(Object::toString).orElse("error") + ")");
            } else {
                refused++;
            }
        }
        return refused;
    }

    private static String hints(List<String> accepted) {
        List<String> hints = new ArrayList<>();
        if (accepted.stream().anyMatch(a -> a.startsWith("::ffff:"))) {
            hints.add("IPv4-mapped bypass CVE-2026-27624: add denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255 "
                    + "or upgrade to coturn >= 4.9");
        }
        if (accepted.stream().anyMatch(a -> a.startsWith("64:ff9b:") || a.startsWith("2002:"))) {
            hints.add("deny the NAT64 64:ff9b::/96 and 6to4 2002::/16 ranges");
        }
        if (accepted.stream().anyMatch(a -> a.matches("::\\d.*"))) {
            hints.add("IPv4-compatible ::a.b.c.d: add CIDR-aligned ranges not starting at ::, or coturn >= 4.13.1");
        }
        if (accepted.stream().anyMatch(a -> a.indexOf(':') < 0)) {
            hints.add("add the IPv4 denied-peer-ip ranges (RFC 1918, 100.64/10, 169.254/16, ...)");
        }
        if (accepted.stream().anyMatch(a -> a.startsWith("fe80") || a.startsWith("fd") || a.startsWith("fc"))) {
            hints.add("deny IPv6 link-local fe80::/10 and ULA fc00::/7");
        }
        return hints.isEmpty() ? "" : " — " + hints.stream().collect(Collectors.joining("; "));
    }
}
