package dev.turnkit.testsupport;

import dev.turnkit.transport.Allocation;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.RetransmissionPolicy;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportType;
import dev.turnkit.transport.TurnClient;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A call in progress through a TURN server, as a test sees it: two UDP allocations A and B made with the given
 * credentials, each permitted to the other's relayed address, exchanging data relay to relay (Send indication in, Data
 * indication out) and kept alive with Refresh and CreatePermission, the way a WebRTC client keeps its relayed
 * candidate pair. An allocation exists only in coturn's memory: if coturn restarts, {@link #exchange} and
 * {@link #keepAlive} fail (a 437 allocation mismatch, or silence), which is what a dropped call is.
 *
 * <p>The server must let the relays reach each other: on loopback {@code allow-loopback-peers}, on the simulated host
 * an {@code allowed-peer-ip} for its public address (hairpin NAT).
 */
public final class RelayedCall implements AutoCloseable {
    private final TurnClient a;
    private final TurnClient b;
    private final Allocation ra;
    private final Allocation rb;
    private int seq;

    private RelayedCall(TurnClient a, TurnClient b, Allocation ra, Allocation rb) {
        this.a = a;
        this.b = b;
        this.ra = ra;
        this.rb = rb;
    }

    /** Allocates A and B on {@code server} with one REST credential and opens the permissions both ways. */
    public static RelayedCall start(InetSocketAddress server, String username, String password)
            throws TransportException {
        Deadline deadline = Deadline.after(Duration.ofSeconds(15));
        TurnClient a = TurnClient.connect(TransportType.UDP, server, null, RetransmissionPolicy.RFC_DEFAULT, deadline);
        TurnClient b = null;
        try {
            b = TurnClient.connect(TransportType.UDP, server, null, RetransmissionPolicy.RFC_DEFAULT, deadline);
            Allocation ra = a.allocate(username, password, deadline);
            Allocation rb = b.allocate(username, password, deadline);
            RelayedCall call = new RelayedCall(a, b, ra, rb);
            call.keepAlive();
            return call;
        } catch (TransportException | RuntimeException e) {
            a.close();
            if (b != null) {
                b.close();
            }
            throw e;
        }
    }

    /** Refresh of both allocations (600 s) and their permissions, each an authenticated request. */
    public void keepAlive() throws TransportException {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10));
        a.refresh(600, deadline);
        b.refresh(600, deadline);
        a.createPermission(rb.relayed().getAddress(), deadline);
        b.createPermission(ra.relayed().getAddress(), deadline);
    }

    /** One packet A to B through both relays and B's echo back to A; throws if either does not arrive in 5 s. */
    public void exchange() throws TransportException {
        byte[] ping = ByteBuffer.allocate(64).putInt(++seq).putLong(System.nanoTime()).array();
        a.send(rb.relayed(), ping);
        byte[] got = receive(b, ping);
        b.send(ra.relayed(), got);
        receive(a, ping);
    }

    /** Receives until {@code expected} arrives (an earlier, late packet of this call is skipped). */
    private static byte[] receive(TurnClient client, byte[] expected) throws TransportException {
        Deadline deadline = Deadline.after(Duration.ofSeconds(5));
        while (true) {
            byte[] data = client.receive(deadline).data();
            if (Arrays.equals(data, expected)) {
                return data;
            }
        }
    }

    public InetSocketAddress relayedA() {
        return ra.relayed();
    }

    /** Deletes both allocations (Refresh 0), best effort, and closes the sockets. */
    @Override
    public void close() {
        for (TurnClient c : new TurnClient[] {a, b}) {
            try {
                c.refresh(0, Deadline.after(Duration.ofSeconds(3)));
            } catch (TransportException | RuntimeException e) {
                // the allocation may already be gone (that is what a failing test is about)
            }
            c.close();
        }
    }
}
