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
import java.util.concurrent.atomic.AtomicBoolean;

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
            CredentialSource.CredentialException, InterruptedException {
        TurnCredential credential = credential();
        if (credential == null) {
            return needsCredentials();
        }
        try (TurnClient a = connect(transport(), deadline); TurnClient b = connect(transport(), deadline)) {
            Allocation ra = a.allocate(credential.username(), credential.password(), deadline);
            Allocation rb = b.allocate(credential.username(), credential.password(), deadline);
            try {
                a.channelBind(CHANNEL_A, rb.relayed(), deadline);
                b.channelBind(CHANNEL_B, ra.relayed(), deadline);
            } catch (StunErrorException e) {
                if (e.code() == 403) {
                    return new Outcome(Status.CRITICAL, "ChannelBind to the server's own relayed address refused "
                            + "(403): the deny list covers the relay address (" + ra.relayed().getAddress()
                            .getHostAddress() + "), so clients behind the same relay cannot reach each other");
                }
                throw e;
            }
            Outcome outcome = echo(a, b, deadline);
            release(a, deadline);
            release(b, deadline);
            return outcome;
        }
    }

    private Outcome echo(TurnClient a, TurnClient b, Deadline deadline) throws TransportException,
            InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread echoer = new Thread(() -> {
            try {
                while (!stop.get() && !deadline.expired()) {
                    try {
                        TurnClient.PeerData in = b.receive(deadline.within(Duration.ofMillis(50)));
                        b.sendChannelData(CHANNEL_B, in.data());
                    } catch (TransportTimeoutException e) {
                        // poll the stop flag
                    }
                }
            } catch (TransportException e) {
                // connection failed: the sender counts what came back
            }
        }, "relay-echo-b");
        echoer.setDaemon(true);
        echoer.start();
        List<Double> rtts = new ArrayList<>();
        boolean[] seen = new boolean[packets];
        try {
            for (int i = 0; i < packets; i++) {
                a.sendChannelData(CHANNEL_A, ByteBuffer.allocate(48).putInt(i).putLong(System.nanoTime()).array());
            }
            Deadline collect = deadline.within(Duration.ofMillis(1000));
            while (rtts.size() < packets) {
                TurnClient.PeerData echo;
                try {
                    echo = a.receive(collect);
                } catch (TransportTimeoutException e) {
                    break;
                }
                if (echo.data().length < 12) {
                    continue;
                }
                ByteBuffer buf = ByteBuffer.wrap(echo.data());
                int seq = buf.getInt();
                long sentAt = buf.getLong();
                if (seq >= 0 && seq < packets && !seen[seq]) {
                    seen[seq] = true;
                    rtts.add((System.nanoTime() - sentAt) / 1e6);
                }
            }
        } finally {
            stop.set(true);
            echoer.join(500);
        }
        int lost = packets - rtts.size();
        if (rtts.isEmpty()) {
            return new Outcome(Status.CRITICAL, "0 of " + packets + " packets relayed between two allocations: "
                    + "relay ports (min-port..max-port) blocked by a firewall, or relayed traffic dropped");
        }
        Collections.sort(rtts);
        String stats = String.format(Locale.ROOT, "%d/%d echoed through the relay, RTT p50 %.2f ms p95 %.2f ms, "
                + "loss %.0f%%", rtts.size(), packets, percentile(rtts, 50), percentile(rtts, 95),
                100.0 * lost / packets);
        if (lost > 0) {
            return new Outcome(Status.WARNING, stats + ": packet loss on the relay path (bandwidth cap max-bps, "
                    + "bps-capacity, or a congested link)");
        }
        return Outcome.ok(stats);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
