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
 * {@link NioTlsConnection} frames the decrypted stream the same way: it overrides how bytes are read and written.
 */
class NioTcpConnection extends NioConnection {
    static final long WRITE_STALL_MILLIS = 2_000;
    /** Room {@link #fill} makes before a plain read. */
    private static final int READ_ROOM = 2048;

    final SocketChannel channel;
    final Selector own;
    private final SelectionKey ownKey;
    /** Received bytes; frames start at {@link #start}, data ends at the buffer's position. Heap: framing reads the array. */
    final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    private int start;

    NioTcpConnection(Connected c, InetSocketAddress remote) {
        super(remote);
        this.channel = c.channel();
        this.own = c.own();
        this.ownKey = c.key();
    }

    /** A connected non-blocking channel with the private selector that waits for it. */
    record Connected(SocketChannel channel, Selector own, SelectionKey key) {
        void close() {
            NioTcpConnection.close(channel, own);
        }
    }

    static NioTcpConnection open(InetSocketAddress remote, Deadline deadline) throws TransportException {
        return new NioTcpConnection(connect(TransportType.TCP, remote, deadline), remote);
    }

    /** Connects a non-blocking channel to {@code remote} before the deadline; {@code type} names it in errors. */
    static Connected connect(TransportType type, InetSocketAddress remote, Deadline deadline)
            throws TransportException {
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
                        throw new TransportTimeoutException(type.id() + " connect to " + remote + " timed out");
                    }
                }
                own.selectedKeys().clear();
                channel.finishConnect();
            }
            key.interestOps(SelectionKey.OP_READ);
            return new Connected(channel, own, key);
        } catch (ConnectException e) {
            close(channel, own);
            throw new ConnectionRefusedException(type.id() + " " + remote + ": connection refused, nothing listening",
                    e);
        } catch (TransportException e) {
            close(channel, own);
            throw e;
        } catch (IOException e) {
            close(channel, own);
            throw new TransportException(type.id() + " " + remote + ": " + e.getMessage(), e);
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
            throw new TransportException(type().id() + " send to " + remote + " failed or stalled");
        }
    }

    /** Writes all of {@code frame} (a partial frame would put the stream out of step); false if that failed. */
    boolean write(ByteBuffer frame) {
        try {
            while (frame.hasRemaining()) {
                if (channel.write(frame) == 0 && !awaitWritable(WRITE_STALL_MILLIS)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits on the private selector until the socket takes bytes again; false after {@code millis}. */
    final boolean awaitWritable(long millis) throws IOException {
        ownKey.interestOps(SelectionKey.OP_WRITE);
        try {
            own.selectedKeys().clear();
            return own.select(Math.max(1, millis)) > 0;
        } finally {
            own.selectedKeys().clear();
            ownKey.interestOps(SelectionKey.OP_READ);
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
            if (!buffered()) {
                try {
                    own.selectedKeys().clear();
                    if (deadline.expired() || own.select(Math.max(1, deadline.remaining().toMillis())) == 0
                            && deadline.expired()) {
                        throw new TransportTimeoutException("no " + type().id() + " reply from " + remote);
                    }
                } catch (IOException e) {
                    throw new TransportException(type().id() + " receive from " + remote + ": " + e.getMessage(), e);
                }
            }
            if (fill() < 0) {
                throw new TransportException(lost());
            }
        }
    }

    /** Reads what the connection has without waiting; the byte count, 0 if none, -1 if the connection is closed. */
    final int fill() {
        if (start > 0 && start == in.position()) {
            in.clear();
            start = 0;
        } else if (in.remaining() < readRoom()) {
            in.flip().position(start);
            in.compact();
            start = 0;
        }
        return read();
    }

    /** Free space {@link #fill} makes in {@link #in} before {@link #read}. */
    int readRoom() {
        return READ_ROOM;
    }

    /** Appends what the socket has to {@link #in} without waiting; the byte count, 0 if none, -1 if closed. */
    int read() {
        try {
            return channel.read(in);
        } catch (IOException e) {
            return -1;
        }
    }

    /** True if bytes already taken from the socket may still yield frames without another read (TLS records). */
    boolean buffered() {
        return false;
    }

    /** Why the connection ended, once {@link #fill} returned -1. */
    String lost() {
        return type().id() + " connection to " + remote + " closed by the server";
    }

    /** The length of the complete frame at {@link #start()}, or -1 if it has not fully arrived. */
    final int frameLength() throws TransportException {
        try {
            int length = StreamFraming.frameLength(in.array(), start, in.position() - start);
            if (length > in.capacity()) {
                throw new TransportException(type().id() + " from " + remote + ": frame of " + length
                        + " bytes, more than " + in.capacity());
            }
            return length >= 0 && in.position() - start >= length ? length : -1;
        } catch (ProtocolException e) {
            throw new TransportException(type().id() + " from " + remote + ": " + e.getMessage());
        }
    }

    final byte[] array() {
        return in.array();
    }

    final int start() {
        return start;
    }

    final void consume(int length) {
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
