package dev.turnkit.load;

import dev.turnkit.protocol.ProtocolException;
import dev.turnkit.protocol.StreamFraming;
import dev.turnkit.transport.ConnectionRefusedException;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportTimeoutException;
import dev.turnkit.transport.TransportType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * A non-blocking TCP connection to a TURN server whose frames are cut by {@link StreamFraming} (STUN header length,
 * or ChannelData length padded to 4, RFC 8656 §12.5): {@link dev.turnkit.transport.TurnClient} uses it for the
 * control plane ({@link #receive} waits on a private selector), and the load's I/O thread registers it with its
 * shared selector and takes the media frames in place ({@link #fill}, {@link #frameLength}, {@link #consume}).
 */
final class NioTcpConnection extends NioConnection {
    private static final long WRITE_STALL_MILLIS = 2_000;

    private final SocketChannel channel;
    private final Selector own;
    private final SelectionKey ownKey;
    /** Received bytes; frames start at {@link #start}, data ends at the buffer's position. Heap: framing reads the array. */
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private int start;

    private NioTcpConnection(SocketChannel channel, InetSocketAddress remote, Selector own, SelectionKey key) {
        super(remote);
        this.channel = channel;
        this.own = own;
        this.ownKey = key;
    }

    static NioTcpConnection open(InetSocketAddress remote, Deadline deadline) throws TransportException {
        SocketChannel channel = null;
        Selector own = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            own = Selector.open();
            SelectionKey key = channel.register(own, SelectionKey.OP_CONNECT);
            if (!channel.connect(remote)) {
                while (own.select(Math.max(1, deadline.remaining().toMillis())) == 0) {
                    if (deadline.expired()) {
                        throw new TransportTimeoutException("tcp connect to " + remote + " timed out");
                    }
                }
                channel.finishConnect();
            }
            key.interestOps(SelectionKey.OP_READ);
            return new NioTcpConnection(channel, remote, own, key);
        } catch (ConnectException e) {
            close(channel, own);
            throw new ConnectionRefusedException("tcp " + remote + ": connection refused, nothing listening", e);
        } catch (TransportException e) {
            close(channel, own);
            throw e;
        } catch (IOException e) {
            close(channel, own);
            throw new TransportException("tcp " + remote + ": " + e.getMessage(), e);
        }
    }

    @Override
    SocketChannel channel() {
        return channel;
    }

    @Override
    public TransportType type() {
        return TransportType.TCP;
    }

    @Override
    public void send(byte[] frame) throws TransportException {
        if (!write(ByteBuffer.wrap(frame))) {
            throw new TransportException("tcp send to " + remote + " failed or stalled");
        }
    }

    /** Writes all of {@code frame} (a partial frame would put the stream out of step); false if that failed. */
    boolean write(ByteBuffer frame) {
        try {
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0) {
                    ownKey.interestOps(SelectionKey.OP_WRITE);
                    int ready = own.select(WRITE_STALL_MILLIS);
                    own.selectedKeys().clear();
                    ownKey.interestOps(SelectionKey.OP_READ);
                    if (ready == 0) {
                        return false;
                    }
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public byte[] receive(Deadline deadline) throws TransportException {
        while (true) {
            int length = frameLength();
            if (length > 0) {
                byte[] frame = Arrays.copyOfRange(in.array(), start, start + length);
                consume(length);
                return frame;
            }
            try {
                own.selectedKeys().clear();
                if (deadline.expired() || own.select(Math.max(1, deadline.remaining().toMillis())) == 0
                        && deadline.expired()) {
                    throw new TransportTimeoutException("no tcp reply from " + remote);
                }
            } catch (IOException e) {
                throw new TransportException("tcp receive from " + remote + ": " + e.getMessage(), e);
            }
            if (fill() < 0) {
                throw new TransportException("tcp connection to " + remote + " closed by the server");
            }
        }
    }

    /** Reads what the socket has without waiting; the byte count, 0 if none, -1 if the connection is closed. */
    int fill() {
        if (start > 0 && start == in.position()) {
            in.clear();
            start = 0;
        } else if (in.remaining() < 2048) {
            in.flip().position(start);
            in.compact();
            start = 0;
        }
        try {
            return channel.read(in);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The length of the complete frame at {@link #start()}, or -1 if it has not fully arrived. */
    int frameLength() throws TransportException {
        try {
            int length = StreamFraming.frameLength(in.array(), start, in.position() - start);
            if (length > in.capacity()) {
                throw new TransportException("tcp from " + remote + ": frame of " + length + " bytes, more than "
                        + in.capacity());
            }
            return length >= 0 && in.position() - start >= length ? length : -1;
        } catch (ProtocolException e) {
            throw new TransportException("tcp from " + remote + ": " + e.getMessage());
        }
    }

    byte[] array() {
        return in.array();
    }

    int start() {
        return start;
    }

    void consume(int length) {
        start += length;
    }

    @Override
    public void close() {
        close(channel, own);
    }

    private static void close(SocketChannel channel, Selector own) {
        try {
            if (own != null) {
                own.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing
        }
    }
}
