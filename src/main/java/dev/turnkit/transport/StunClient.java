package dev.turnkit.transport;

import dev.turnkit.protocol.ChannelData;
import dev.turnkit.protocol.Message;
import dev.turnkit.protocol.ProtocolException;
import dev.turnkit.protocol.TransactionId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * STUN transactions over one {@link StunConnection} (RFC 8489 §6.2): matches responses to requests by transaction
 * ID, retransmits over UDP per {@link RetransmissionPolicy}, and several requests can be in flight at once
 * ({@link #transactAll}). Frames that are not responses (Data indications, ChannelData) are queued for
 * {@link #receiveInbound}. Malformed datagrams are dropped (UDP carries stray traffic); a malformed stream is an
 * error. Not thread-safe.
 */
public final class StunClient implements AutoCloseable {
    /** A frame that is not a response: a STUN indication or ChannelData. */
    public sealed interface Inbound {
    }

    /** A STUN indication (e.g. a TURN Data indication, RFC 8656 §11.4). */
    public record Indication(Message message) implements Inbound {
    }

    /** A ChannelData message (RFC 8656 §12.4). */
    public record Channel(ChannelData data) implements Inbound {
    }

    private final StunConnection connection;
    private final RetransmissionPolicy policy;
    private final Deque<Inbound> inbound = new ArrayDeque<>();
    private int droppedDatagrams;

    public StunClient(StunConnection connection, RetransmissionPolicy policy) {
        this.connection = connection;
        this.policy = policy;
    }

    public StunConnection connection() {
        return connection;
    }

    /** Datagrams dropped because they were neither valid STUN nor ChannelData. */
    public int droppedDatagrams() {
        return droppedDatagrams;
    }

    /**
     * Sends {@code request} and returns the response (success or error), retransmitting over UDP.
     *
     * @throws TransportTimeoutException no response before the schedule or the deadline ran out
     */
    public Message transact(Message.Builder request, Deadline deadline) throws TransportException {
        Optional<Message> response = transactAll(List.of(request), deadline).get(0);
        if (response.isEmpty()) {
            throw new TransportTimeoutException("no response to " + request.type().method() + " from "
                    + Connections.describe(connection.remote()) + " over " + connection.type().id()
                    + " within " + (deadline.expired() ? "the deadline" : "the retransmission schedule"));
        }
        return response.get();
    }

    /**
     * Sends all requests at once and collects their responses; an element is empty where no response arrived
     * before the retransmission schedule or the deadline ran out.
     */
    public List<Optional<Message>> transactAll(List<Message.Builder> requests, Deadline deadline)
            throws TransportException {
        int n = requests.size();
        byte[][] wire = new byte[n][];
        Map<TransactionId, Integer> index = new HashMap<>();
        Message[] responses = new Message[n];
        int[] sent = new int[n];
        long[] nextAt = new long[n];
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            wire[i] = requests.get(i).encode();
            index.put(requests.get(i).transactionId(), i);
        }
        boolean retransmit = !connection.type().isStream();
        long streamGiveUp = now + policy.rto().multipliedBy(79).toNanos(); // 39.5 s with the default RTO (§6.2.2)
        for (int i = 0; i < n; i++) {
            connection.send(wire[i]);
            sent[i] = 1;
            nextAt[i] = retransmit ? now + policy.delayAfter(1).toNanos() : streamGiveUp;
        }
        int open = n;
        while (open > 0) {
            long wake = Long.MAX_VALUE;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (responses[i] != null || sent[i] < 0) {
                    continue;
                }
                if (t - nextAt[i] >= 0) {
                    if (retransmit && sent[i] < policy.rc()) {
                        connection.send(wire[i]);
                        sent[i]++;
                        nextAt[i] = t + policy.delayAfter(sent[i]).toNanos();
                    } else {
                        sent[i] = -1; // gave up on this one
                        open--;
                        continue;
                    }
                }
                wake = Math.min(wake, nextAt[i]);
            }
            if (open == 0 || deadline.expired()) {
                break;
            }
            Deadline wait = Deadline.after(java.time.Duration.ofNanos(Math.max(1_000_000L, wake - t)))
                    .within(deadline.remaining());
            byte[] frame;
            try {
                frame = connection.receive(wait);
            } catch (TransportTimeoutException e) {
                continue;
            }
            Message m = classify(frame);
            if (m != null) {
                Integer i = index.get(m.transactionId());
                if (i != null && responses[i] == null && sent[i] > 0) {
                    responses[i] = m;
                    open--;
                }
            }
        }
        List<Optional<Message>> out = new ArrayList<>(n);
        for (Message m : responses) {
            out.add(Optional.ofNullable(m));
        }
        return out;
    }

    /** Decodes a frame: returns it if it is a response, queues indications and ChannelData, drops junk. */
    private Message classify(byte[] frame) throws TransportException {
        try {
            if (frame.length > 0 && ChannelData.looksLikeChannelData(frame[0])) {
                inbound.add(new Channel(ChannelData.decode(frame)));
                return null;
            }
            Message m = Message.decode(frame);
            if (m.messageClass().isResponse()) {
                return m;
            }
            inbound.add(new Indication(m));
            return null;
        } catch (ProtocolException e) {
            if (connection.type().isStream()) {
                throw new TransportException(connection.type().id() + " from "
                        + Connections.describe(connection.remote()) + ": " + e.getMessage());
            }
            droppedDatagrams++;
            return null;
        }
    }

    /** Sends a frame without waiting for anything (indications, ChannelData). */
    public void send(byte[] frame) throws TransportException {
        connection.send(frame);
    }

    /**
     * The next indication or ChannelData, waiting until the deadline. Late or duplicate responses are skipped.
     *
     * @throws TransportTimeoutException if nothing arrives in time
     */
    public Inbound receiveInbound(Deadline deadline) throws TransportException {
        while (inbound.isEmpty()) {
            byte[] frame = connection.receive(deadline);
            classify(frame);
        }
        return inbound.poll();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "StunClient[" + connection.type().id() + " " + Connections.describe(connection.remote()) + ", "
                + Arrays.asList(inbound.size(), droppedDatagrams) + "]";
    }
}
