package dev.turnkit.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * Media over UDP on one thread: every caller and callee socket is registered with one selector; a ready socket is
 * read once per wake-up (a second read would mostly be a wasted EAGAIN system call; the level-triggered selector
 * reports what is left at once). Two direct buffers serve every packet, so the loop neither copies into temporary
 * native buffers nor allocates.
 */
final class UdpMedia extends Media {
    private final Selector selector;
    private final ByteBuffer in = ByteBuffer.allocateDirect(2048);
    private final ByteBuffer out;
    private final Consumer<SelectionKey> onReady = this::onReady;

    /** A socket's role, the selection key's attachment. */
    private record Side(Call call, NioUdpConnection connection, boolean caller) {
    }

    UdpMedia(LoadOptions options) throws IOException {
        super(options);
        this.selector = Selector.open();
        this.out = ByteBuffer.allocateDirect(4 + options.payload());
        out.putShort((short) CHANNEL_TO_CALLEE).putShort((short) options.payload());
    }

    @Override
    void add(Call call) throws IOException {
        NioUdpConnection a = (NioUdpConnection) call.caller.connection();
        NioUdpConnection b = (NioUdpConnection) call.callee.connection();
        a.channel().register(selector, SelectionKey.OP_READ, new Side(call, a, true));
        b.channel().register(selector, SelectionKey.OP_READ, new Side(call, b, false));
    }

    @Override
    void send(Call call) {
        out.clear();
        out.putInt(4, call.nextSeq()).putLong(SENT_AT, System.nanoTime()).putInt(SENT_AT + 8, call.id);
        if (((NioUdpConnection) call.caller.connection()).write(out)) {
            call.sent++;
        }
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
        int n = side.connection().poll(in);
        if (n < MIN_FRAME || !isChannelData(in.get(0))) {
            return; // nothing, an ICMP error, or a late STUN response
        }
        long now = System.nanoTime();
        long sentAt = in.getLong(SENT_AT);
        if (side.caller()) {
            side.call().callerReceived(sentAt, now);
        } else {
            side.call().calleeReceived(sentAt, now);
            in.flip();
            if (side.connection().write(in)) {
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
