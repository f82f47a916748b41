package dev.turnkit.check;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Static factories for the checks (the testcontainers {@code Wait.forX(...)} shape), and the standard suite.
 *
 * <table>
 *   <caption>Checks</caption>
 *   <tr><th>name</th><th>transports</th><th>needs credentials</th><th>OK when</th></tr>
 *   <tr><td>stun-binding</td><td>udp, tcp</td><td>no</td><td>Binding answered with XOR-MAPPED-ADDRESS</td></tr>
 *   <tr><td>turn-allocate</td><td>udp, tcp, tls</td><td>yes</td><td>Allocate succeeds</td></tr>
 *   <tr><td>relay-echo</td><td>udp (or the first selected)</td><td>yes</td><td>packets flow between two
 *       allocations without loss</td></tr>
 *   <tr><td>auth-required</td><td>udp (or the first selected)</td><td>no</td><td>401 without and with wrong
 *       credentials</td></tr>
 *   <tr><td>peer-deny-sweep</td><td>udp (or the first selected)</td><td>yes</td><td>every forbidden peer is
 *       refused and the allow controls are accepted</td></tr>
 *   <tr><td>tls-certificate</td><td>tls</td><td>no</td><td>trusted chain, matching name, ≥ 14 days left</td></tr>
 * </table>
 */
public final class Checks {
    public static final String STUN_BINDING = "stun-binding";
    public static final String TURN_ALLOCATE = "turn-allocate";
    public static final String RELAY_ECHO = "relay-echo";
    public static final String AUTH_REQUIRED = "auth-required";
    public static final String PEER_DENY_SWEEP = "peer-deny-sweep";
    public static final String TLS_CERTIFICATE = "tls-certificate";
    /** Every check name, in report order. */
    public static final List<String> ALL = List.of(STUN_BINDING, TURN_ALLOCATE, RELAY_ECHO, AUTH_REQUIRED,
            PEER_DENY_SWEEP, TLS_CERTIFICATE);
    /** Packets relay-echo sends by default. */
    public static final int DEFAULT_ECHO_PACKETS = 10;

    private Checks() {
    }

    public static Check stunBinding(TurnTarget target, Transport transport) {
        if (transport == Transport.TLS) {
            throw new IllegalArgumentException("stun-binding runs over udp or tcp");
        }
        return new StunBindingCheck(target, transport);
    }

    public static Check turnAllocate(TurnTarget target, Transport transport) {
        return new TurnAllocateCheck(target, transport);
    }

    public static Check relayEcho(TurnTarget target, Transport transport, int packets) {
        return new RelayEchoCheck(target, transport, packets);
    }

    public static Check authRequired(TurnTarget target, Transport transport) {
        return new AuthRequiredCheck(target, transport);
    }

    /** The standard targets plus {@code extraDenyTargets} (IP literals, e.g. the server's private IP). */
    public static Check peerDenySweep(TurnTarget target, Transport transport, List<String> extraDenyTargets) {
        return new PeerDenySweepCheck(target, transport, PeerTargets.standard(extraDenyTargets));
    }

    public static Check tlsCertificate(TurnTarget target) {
        return new TlsCertificateCheck(target, Clock.systemUTC());
    }

    /** For tests: the certificate check measured against {@code clock}. */
    public static Check tlsCertificate(TurnTarget target, Clock clock) {
        return new TlsCertificateCheck(target, clock);
    }

    /**
     * The checks named in {@code names} (see {@link #ALL}) over the selected transports, in report order.
     *
     * @throws IllegalArgumentException for an unknown check name or an empty selection
     */
    public static List<Check> suite(TurnTarget target, List<String> names, Set<Transport> transports) {
        for (String n : names) {
            if (!ALL.contains(n)) {
                throw new IllegalArgumentException("unknown check '" + n + "' (known: " + String.join(", ", ALL)
                        + ")");
            }
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("no transport selected (use udp, tcp, tls)");
        }
        EnumSet<Transport> selected = EnumSet.copyOf(transports);
        Transport primary = selected.iterator().next();
        List<Check> out = new ArrayList<>();
        for (String name : ALL) {
            if (!names.contains(name)) {
                continue;
            }
            switch (name) {
                case STUN_BINDING -> {
                    for (Transport t : selected) {
                        if (t != Transport.TLS) {
                            out.add(stunBinding(target, t));
                        }
                    }
                }
                case TURN_ALLOCATE -> selected.forEach(t -> out.add(turnAllocate(target, t)));
                case RELAY_ECHO -> out.add(relayEcho(target, primary, DEFAULT_ECHO_PACKETS));
                case AUTH_REQUIRED -> out.add(authRequired(target, primary));
                case PEER_DENY_SWEEP -> out.add(peerDenySweep(target, primary, List.of()));
                case TLS_CERTIFICATE -> {
                    if (selected.contains(Transport.TLS)) {
                        out.add(tlsCertificate(target));
                    }
                }
                default -> throw new IllegalStateException(name);
            }
        }
        return out;
    }

    /** Every transport. */
    public static Set<Transport> allTransports() {
        return EnumSet.allOf(Transport.class);
    }

    /**
     * Starts loading the JDK's TLS and elliptic-curve code on a daemon thread. A fresh JVM spends a few hundred
     * milliseconds on that in the first handshake; a CLI that is about to run TLS checks calls this first, so the
     * work overlaps with argument parsing instead of adding to the run. Harmless if TLS is never used.
     */
    public static void warmUpTls() {
        Thread t = new Thread(() -> {
            try {
                javax.net.ssl.SSLContext.getInstance("TLS").init(null, null, null);
                java.security.KeyPairGenerator kpg = java.security.KeyPairGenerator.getInstance("EC");
                kpg.initialize(256);
                java.security.KeyPair pair = kpg.generateKeyPair();
                java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
                sig.initSign(pair.getPrivate());
                sig.update(new byte[32]);
                byte[] signature = sig.sign();
                sig.initVerify(pair.getPublic());
                sig.update(new byte[32]);
                sig.verify(signature);
                javax.crypto.KeyAgreement.getInstance("ECDH");
                java.security.cert.CertificateFactory.getInstance("X.509");
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // only a warm-up: the real handshake reports any problem
            }
        }, "turnkit-tls-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
