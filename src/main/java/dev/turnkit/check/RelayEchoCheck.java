package dev.turnkit.check;

import dev.turnkit.transport.Allocation;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.StunErrorException;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportTimeoutException;
import dev.turnkit.transport.TurnClient;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code relay-echo}: media really flows. Two allocations A and B on the server; each binds a channel to the other's
 * relayed address (ChannelBind also installs the permission, RFC 8656 §12); A sends N ChannelData packets to B's
 * relayed address, B echoes each back. Reports RTT p50/p95 and loss: loss &gt; 0 is a WARNING, nothing delivered
 * is CRITICAL.
 *
 * <p>The peers are the server's own relayed addresses. On a cloud VM those are public addresses, which a sane deny
 * list allows. On a loopback test server they are loopback addresses: that server needs
 * {@code allow-loopback-peers} plus an {@code allowed-peer-ip} for its relay address only.
 */
final class RelayEchoCheck extends AbstractCheck {
    private static final int CHANNEL_A = 0x4000;
    private static final int CHANNEL_B = 0x4001;
    /** Bytes per echo packet: sequence number, send time, padding to a small media-like size. */
    private static final int PAYLOAD = 100;
    /** How long one packet may take before it counts as lost. */
    private static final Duration PER_PACKET = Duration.ofMillis(500);
    private final int packets;

    RelayEchoCheck(TurnTarget target, Transport transport, int packets) {
        super(Checks.RELAY_ECHO, transport, target);
        if (packets < 1 || packets > 1000) {
            throw new IllegalArgumentException("relay-echo packets must be 1..1000, got " + packets);
        }
        this.packets = packets;
    }

    @Override
    Outcome probe(Deadline deadline) throws TransportException, UnknownHostException,
            CredentialSource.CredentialException {
        TurnCredential credential = requiredCredential();
        try (Allocated heldA = allocated(transport(), credential.username(), credential.password(), 0, deadline);
                Allocated heldB = allocated(transport(), credential.username(), credential.password(), 0, deadline)) {
            TurnClient a = heldA.client();
            TurnClient b = heldB.client();
            Allocation ra = a.allocation().orElseThrow();
            Allocation rb = b.allocation().orElseThrow();
            try {
                a.channelBind(CHANNEL_A, rb.relayed(), deadline);
                b.channelBind(CHANNEL_B, ra.relayed(), deadline);
            } catch (StunErrorException e) {
                if (e.code() == 403) {
                    return new Outcome(Status.CRITICAL, "ChannelBind to the server's own relayed address "
                            + "refused (403): the deny list covers the relay address (" + ra.relayed().getAddress()
                            .getHostAddress() + "), so clients behind the same relay cannot reach each other");
                }
                throw e;
            }
            return echo(a, b, deadline);
        }
    }

    /**
     * Ping-pong, one packet at a time: A sends, B receives and echoes, A receives. Sequential, so the RTT is the
     * relay path's and not queueing behind earlier packets; a packet not back within its share of the time is lost.
     */
    private Outcome echo(TurnClient a, TurnClient b, Deadline deadline) throws TransportException {
        List<Double> rtts = new ArrayList<>();
        for (int i = 0; i < packets && !deadline.expired(); i++) {
            Deadline packetDeadline = deadline.within(PER_PACKET);
            long sentAt = System.nanoTime();
            a.sendChannelData(CHANNEL_A, ByteBuffer.allocate(PAYLOAD).putInt(i).putLong(sentAt).array());
            try {
                if (!echoOnce(b, i, packetDeadline)) {
                    continue;
                }
                while (true) {
                    byte[] back = a.receive(packetDeadline).data();
                    if (sequence(back) == i) {
                        rtts.add((System.nanoTime() - sentAt) / 1e6);
                        break;
                    }
                }
            } catch (TransportTimeoutException e) {
                // lost (or later than its share of the time): counted below
            }
        }
        int lost = packets - rtts.size();
        if (rtts.isEmpty()) {
            return new Outcome(Status.CRITICAL, "0 of " + packets + " packets relayed between two allocations: "
                    + "relay ports (min-port..max-port) blocked by a firewall, or relayed traffic dropped",
                    Map.of(CheckResult.LOSS_RATIO, 1.0));
        }
        Collections.sort(rtts);
        String stats = String.format(Locale.ROOT, "%d/%d echoed through the relay, RTT p50 %.2f ms p95 %.2f ms, "
                + "loss %.0f%%", rtts.size(), packets, percentile(rtts, 50), percentile(rtts, 95),
                100.0 * lost / packets);
        Map<String, Double> measured = Map.of(CheckResult.RTT_P50_MS, percentile(rtts, 50),
                CheckResult.RTT_P95_MS, percentile(rtts, 95), CheckResult.LOSS_RATIO, (double) lost / packets);
        if (lost > 0) {
            return new Outcome(Status.WARNING, stats + ": packet loss on the relay path (bandwidth cap max-bps, "
                    + "bps-capacity, or a congested link)", measured);
        }
        return new Outcome(Status.OK, stats, measured);
    }

    /** B receives until packet {@code seq} arrives and echoes it; false if it did not arrive. */
    private static boolean echoOnce(TurnClient b, int seq, Deadline deadline) throws TransportException {
        while (true) {
            byte[] data = b.receive(deadline).data();
            if (sequence(data) == seq) {
                b.sendChannelData(CHANNEL_B, data);
                return true;
            }
        }
    }

    private static int sequence(byte[] data) {
        return data.length < PAYLOAD ? -1 : ByteBuffer.wrap(data).getInt();
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
