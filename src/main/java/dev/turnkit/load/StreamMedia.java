package dev.turnkit.load;

import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.StunConnection;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportTimeoutException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Media over TLS (or any {@link StunConnection} on a stream): each connection carries the call's STUN control and its ChannelData back to back, framed
 * by the transport package ({@link StunConnection#receive} cuts frames by their STUN or ChannelData header, padded
 * to 4 on a stream, RFC 8656 §12.5). The ticking thread writes the callers' packets; one reader thread per
 * connection (the JDK's TLS runs on blocking sockets) counts what arrives, and the callee's reader echoes it back.
 */
final class StreamMedia extends Media {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** How often a reader looks at the stop flag while no frame arrives. */
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long READER_STACK = 256 * 1024;

    private final Map<String, Integer> failures;
    private final List<Thread> readers = new ArrayList<>();
    private final int frameLength;
    private volatile boolean stopping;

    /** @param failures where a connection the server closed mid-run is counted, by reason */
    StreamMedia(LoadOptions options, Map<String, Integer> failures) {
        super(options);
        this.failures = failures;
        this.frameLength = (4 + options.payload() + 3) & ~3;
    }

    @Override
    void add(Call call) {
        call.frame = new byte[frameLength];
        call.frame[0] = (byte) (CHANNEL_TO_CALLEE >> 8);
        call.frame[1] = (byte) CHANNEL_TO_CALLEE;
        call.frame[2] = (byte) (options.payload() >> 8);
        call.frame[3] = (byte) options.payload();
        start(call, true);
        start(call, false);
    }

    private void start(Call call, boolean caller) {
        Thread t = new Thread(null, () -> read(call, caller), "turnkit-load-" + options.transport().id() + "-"
                + call.id + (caller ? "a" : "b"), READER_STACK);
        t.setDaemon(true);
        readers.add(t);
        t.start();
    }

    @Override
    void send(Call call) {
        byte[] frame = call.frame;
        int seq = call.nextSeq();
        frame[4] = (byte) (seq >> 24);
        frame[5] = (byte) (seq >> 16);
        frame[6] = (byte) (seq >> 8);
        frame[7] = (byte) seq;
        LONG.set(frame, SENT_AT, System.nanoTime());
        frame[16] = (byte) (call.id >> 24);
        frame[17] = (byte) (call.id >> 16);
        frame[18] = (byte) (call.id >> 8);
        frame[19] = (byte) call.id;
        try {
            call.caller.connection().send(frame);
            call.sent++;
        } catch (TransportException e) {
            // the caller's reader sees the broken connection and counts it
        }
    }

    @Override
    void await(long nanos) {
        LockSupport.parkNanos(nanos);
    }

    private void read(Call call, boolean caller) {
        StunConnection connection = caller ? call.caller.connection() : call.callee.connection();
        while (!stopping) {
            byte[] frame;
            try {
                frame = connection.receive(Deadline.after(POLL));
            } catch (TransportTimeoutException e) {
                continue;
            } catch (TransportException e) {
                if (!stopping) {
                    failures.merge((caller ? "caller " : "callee ") + "connection lost during media: "
                            + e.getMessage(), 1, Integer::sum);
                }
                return;
            }
            if (frame.length < MIN_FRAME || !isChannelData(frame[0])) {
                continue; // a late STUN response
            }
            long now = System.nanoTime();
            long sentAt = (long) LONG.get(frame, SENT_AT);
            if (caller) {
                call.callerReceived(sentAt, now);
            } else {
                call.calleeReceived(sentAt, now);
                try {
                    connection.send(frame); // ChannelData for the callee's channel to the caller, padding included
                    call.echoed++;
                } catch (TransportException e) {
                    // the next receive reports the broken connection
                }
            }
        }
    }

    /** Stops the readers and waits for them (each within {@link #POLL}), so the connections are free again. */
    @Override
    public void close() {
        stopping = true;
        for (Thread t : readers) {
            try {
                t.join(POLL.toMillis() * 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
