package dev.turnkit.load;

import dev.turnkit.transport.StunConnection;
import dev.turnkit.transport.TransportException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Media over UDP, TCP or TLS on one thread: every caller and callee socket is registered with one selector. A ready
 * UDP socket is read once per wake-up (a second read would mostly be a wasted EAGAIN system call; the level-triggered
 * selector reports what is left at once); a ready TCP or TLS socket is read once and every complete frame in its
 * (decrypted) buffer is taken in place ({@link NioTcpConnection}, {@link NioTlsConnection}). Direct buffers serve
 * every packet, so the loop neither copies through the JDK's temporary native buffers nor allocates (over TLS the
 * JDK's cipher does). A TLS record the socket did not take at once stays with its connection, which then waits for
 * {@link SelectionKey#OP_WRITE} here.
 */
final class SelectorMedia extends Media {
    private final Selector selector;
    private final Map<String, Integer> failures;
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    private final ByteBuffer out;
    private final ByteBuffer echo = ByteBuffer.allocateDirect(2048);
    private final Consumer<SelectionKey> onReady = this::onReady;

    /** A socket's role, the selection key's attachment. */
    private record Side(Call call, StunConnection connection, boolean caller) {
    }

    /** @param failures where a TCP connection the server closed mid-run is counted, by reason */
    SelectorMedia(LoadOptions options, Map<String, Integer> failures) throws IOException {
        super(options);
        this.selector = Selector.open();
        this.failures = failures;
        int length = 4 + options.payload();
        this.out = ByteBuffer.allocateDirect(options.transport().isStream() ? (length + 3) & ~3 : length);
        out.putShort((short) CHANNEL_TO_CALLEE).putShort((short) options.payload());
    }

    @Override
    void add(Call call) throws IOException {
        register(new Side(call, call.caller.connection(), true));
        register(new Side(call, call.callee.connection(), false));
    }

    private void register(Side side) throws IOException {
        ((NioConnection) side.connection()).channel().register(selector, SelectionKey.OP_READ, side);
    }

    @Override
    void send(Call call) {
        out.clear();
        out.putInt(4, call.nextSeq()).putLong(SENT_AT, System.nanoTime()).putInt(SENT_AT + 8, call.id);
        if (write(call.caller.connection(), out)) {
            call.sent++;
        }
    }

    private boolean write(StunConnection connection, ByteBuffer frame) {
        if (connection instanceof NioTlsConnection tls) {
            if (!tls.offer(frame)) {
                return false;
            }
            if (tls.pending()) {
                SelectionKey key = tls.channel().keyFor(selector);
                if (key != null && key.isValid()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            }
            return true;
        }
        return connection instanceof NioTcpConnection tcp ? tcp.write(frame)
                : ((NioUdpConnection) connection).write(frame);
    }

    @Override
    void await(long nanos) throws IOException {
        if (nanos > 0) {
            selector.select(onReady, (nanos + 999_999) / 1_000_000); // never spin: a tick late by < 1 ms is harmless
        } else {
            selector.selectNow(onReady);
        }
    }

    private void onReady(SelectionKey key) {
        Side side = (Side) key.attachment();
        if (side.connection() instanceof NioTcpConnection tcp) {
            onReadyTcp(key, side, tcp);
            return;
        }
        int n = ((NioUdpConnection) side.connection()).poll(in);
        if (n < MIN_FRAME || !isChannelData(in.get(0))) {
            return; // nothing, an ICMP error, or a late STUN response
        }
        in.flip();
        received(side, in.getLong(SENT_AT), in);
    }

    private void onReadyTcp(SelectionKey key, Side side, NioTcpConnection tcp) {
        try {
            if (key.isWritable() && tcp instanceof NioTlsConnection tls && flushed(tls)) {
                key.interestOps(SelectionKey.OP_READ);
            }
            if (!key.isReadable()) {
                return;
            }
            do {
                if (tcp.fill() < 0) {
                    throw new TransportException(tcp.lost());
                }
                for (int length; (length = tcp.frameLength()) > 0; tcp.consume(length)) {
                    byte[] a = tcp.array();
                    int s = tcp.start();
                    if (length >= MIN_FRAME && isChannelData(a[s])) {
                        echo.clear();
                        echo.put(a, s, length).flip();
                        received(side, echo.getLong(SENT_AT), echo);
                    }
                }
            } while (tcp.buffered());
        } catch (TransportException e) {
            key.cancel();
            failures.merge((side.caller() ? "caller " : "callee ") + "connection lost during media: "
                    + e.getMessage(), 1, Integer::sum);
        }
    }

    private static boolean flushed(NioTlsConnection tls) throws TransportException {
        try {
            return tls.flush();
        } catch (IOException e) {
            throw new TransportException(tls.type().id() + " connection to " + tls.remote() + " broken: "
                    + e.getMessage(), e);
        }
    }

    /** Counts a packet stamped {@code sentAt}; at the callee, echoes {@code frame} (ChannelData on its channel). */
    private void received(Side side, long sentAt, ByteBuffer frame) {
        long now = System.nanoTime();
        if (side.caller()) {
            side.call().callerReceived(sentAt, now);
        } else {
            side.call().calleeReceived(sentAt, now);
            if (write(side.connection(), frame)) {
                side.call().echoed++;
            }
        }
    }

    @Override
    public void close() {
        try {
            selector.close(); // deregisters the channels; they stay open for the Refresh 0
        } catch (IOException e) {
            // nothing to release
        }
    }
}
