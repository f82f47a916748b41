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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code peer-deny-sweep}: the relay must refuse peers it could abuse (SSRF): loopback, private, link-local and
 * cloud metadata, special-purpose ranges, and the IPv4-in-IPv6 encodings that bypass IPv4 rules on coturn &lt; 4.9
 * (CVE-2026-27624) and &lt; 4.13.1. One CreatePermission per target (all in flight at once) on an IPv4 and an IPv6
 * allocation; the finding is the response itself (a success = the relay would forward). An accepted internal target
 * (loopback, private, metadata, …) is CRITICAL; an accepted unrouted hygiene target (TEST-NETs, benchmarking, …) is a
 * WARNING ({@link PeerClass}); each is named with its class and the config line that fixes it. Allow controls
 * (public resolvers) must be accepted, or the deny list over-blocks (WARNING).
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
        List<PeerTargets.Target> accepted = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        List<String> blockedControls = new ArrayList<>();
        int refused = 0;
        String ipv6Note = "";
        try (Allocated c4 = allocated(transport(), credential.username(), credential.password(),
                Attribute.RequestedAddressFamily.IPV4, deadline)) {
            refused += sweep(c4.client(), v4, deadline, accepted, unanswered, blockedControls);
        }
        Allocated c6 = ipv6Allocation(credential, deadline);
        if (c6 == null) {
            ipv6Note = "; no IPv6 relay (440), so the " + v6.stream().filter(t -> !t.allowControl()).count()
                    + " IPv6 targets are unreachable anyway";
        } else {
            try (c6) {
                refused += sweep(c6.client(), v6, deadline, accepted, unanswered, blockedControls);
            }
        }
        return verdict(accepted, unanswered, blockedControls, refused, ipv6Note,
                targets.stream().filter(PeerTargets.Target::allowControl).count());
    }

    /** An IPv6 allocation, or null when the server has no IPv6 relay (440). */
    private Allocated ipv6Allocation(TurnCredential credential, Deadline deadline) throws TransportException,
            UnknownHostException {
        try {
            return allocated(transport(), credential.username(), credential.password(),
                    Attribute.RequestedAddressFamily.IPV6, deadline);
        } catch (StunErrorException e) {
            if (e.code() != 440) {
                throw e;
            }
            return null;
        }
    }

    /**
     * CRITICAL when an internal target was accepted; else UNKNOWN when targets went unanswered; else WARNING for
     * accepted unrouted (hygiene) targets or refused allow controls; else OK. The detail names every accepted target
     * with its class and the config line that fixes it.
     */
    static Outcome verdict(List<PeerTargets.Target> accepted, List<String> unanswered, List<String> blockedControls,
            int refused, String ipv6Note, long controls) {
        List<PeerTargets.Target> internal = accepted.stream()
                .filter(t -> t.peerClass().risk() == PeerClass.Risk.INTERNAL).toList();
        List<PeerTargets.Target> unrouted = accepted.stream()
                .filter(t -> t.peerClass().risk() != PeerClass.Risk.INTERNAL).toList();
        if (!internal.isEmpty()) {
            return new Outcome(Status.CRITICAL, internal.size() + " internal peer(s) ACCEPTED: " + describe(internal)
                    + (unrouted.isEmpty() ? "" : "; also " + unrouted.size() + " unrouted (hygiene) peer(s) accepted: "
                    + describe(unrouted)));
        }
        if (!unanswered.isEmpty()) {
            return new Outcome(Status.UNKNOWN, "no answer for " + unanswered.size() + " target(s) before the "
                    + "deadline: " + String.join(", ", unanswered) + " (raise --timeout)");
        }
        List<String> warnings = new ArrayList<>();
        if (!unrouted.isEmpty()) {
            warnings.add(unrouted.size() + " unrouted (hygiene) peer(s) accepted, nothing internal: "
                    + describe(unrouted));
        }
        if (!blockedControls.isEmpty()) {
            warnings.add("allow control(s) " + String.join(", ", blockedControls) + " refused: the deny list "
                    + "over-blocks (a range starting at :: or 0.0.0.0 denies everything)");
        }
        String summary = "all " + refused + " forbidden targets refused" + ipv6Note;
        if (!warnings.isEmpty()) {
            return new Outcome(Status.WARNING, String.join("; ", warnings)
                    + (unrouted.isEmpty() ? "; " + summary : ""));
        }
        return Outcome.ok(summary + (controls > 0 ? ", " + controls + " allow controls accepted" : ""));
    }

    /**
     * Groups targets by class and fix: {@code 10.0.0.1, 10.255.255.254 (RFC 1918 private; fix:
     * denied-peer-ip=10.0.0.0-10.255.255.255)}.
     */
    private static String describe(List<PeerTargets.Target> targets) {
        Map<String, List<String>> byClassAndFix = new LinkedHashMap<>();
        for (PeerTargets.Target t : targets) {
            String key = t.peerClass().label() + "; fix: " + PeerClass.fix(t.address());
            byClassAndFix.computeIfAbsent(key, k -> new ArrayList<>()).add(t.text());
        }
        return byClassAndFix.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " (" + e.getKey() + ")")
                .collect(Collectors.joining(", "));
    }

    /** Sweeps {@code list} on one allocation; returns the number of refused deny targets. */
    private static int sweep(TurnClient client, List<PeerTargets.Target> list, Deadline deadline,
            List<PeerTargets.Target> accepted, List<String> unanswered, List<String> blockedControls)
            throws TransportException {
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
                    accepted.add(t);
                }
            } else if (t.allowControl()) {
                blockedControls.add(t.text() + " (" + r.get().error().map(Object::toString).orElse("error") + ")");
            } else {
                refused++;
            }
        }
        return refused;
    }
}
