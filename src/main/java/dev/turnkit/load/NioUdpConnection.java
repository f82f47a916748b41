package dev.turnkit.load;

import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportTimeoutException;
import dev.turnkit.transport.TransportType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A connected, non-blocking UDP channel that {@link dev.turnkit.transport.TurnClient} can use for the control plane
 * (Allocate, ChannelBind, Refresh: {@link #receive} waits on a private selector), and that the load's I/O thread
 * registers with its shared selector for the media.
 */
final class NioUdpConnection extends NioConnection {
    private final DatagramChannel channel;
    private final Selector own;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_535);

    NioUdpConnection(InetSocketAddress remote) throws TransportException {
        super(remote);
        try {
            channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(remote.getAddress().isLoopbackAddress() ? remote.getAddress() : null,
                    0));
            channel.connect(remote);
            channel.configureBlocking(false);
            own = Selector.open();
            channel.register(own, SelectionKey.OP_READ);
        } catch (IOException e) {
            throw new TransportException("udp " + remote + ": " + e.getMessage(), e);
        }
    }

    @Override
    DatagramChannel channel() {
        return channel;
    }

    @Override
    public TransportType type() {
        return TransportType.UDP;
    }

    @Override
    public void send(byte[] frame) throws TransportException {
        try {
            channel.write(ByteBuffer.wrap(frame));
        } catch (PortUnreachableException e) {
            throw new TransportException("udp " + remote + ": port unreachable (ICMP), nothing listening", e);
        } catch (IOException e) {
            throw new TransportException("udp send to " + remote + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] receive(Deadline deadline) throws TransportException {
        try {
            while (true) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n > 0) {
                    buffer.flip();
                    byte[] out = new byte[n];
                    buffer.get(out);
                    return out;
                }
                own.selectedKeys().clear();
                if (deadline.expired() || own.select(Math.max(1, deadline.remaining().toMillis())) == 0
                        && deadline.expired()) {
                    throw new TransportTimeoutException("no UDP reply from " + remote);
                }
            }
        } catch (PortUnreachableException e) {
            throw new TransportException("udp " + remote + ": port unreachable (ICMP), nothing listening", e);
        } catch (IOException e) {
            throw new TransportException("udp receive from " + remote + ": " + e.getMessage(), e);
        }
    }

    /** Writes one datagram without waiting; false if the socket buffer was full or the write failed. */
    boolean write(ByteBuffer frame) {
        try {
            return channel.write(frame) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads one datagram without waiting into {@code into}; the number of bytes, 0 if none, -1 on ICMP error. */
    int poll(ByteBuffer into) {
        try {
            into.clear();
            return channel.read(into);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            own.close();
            channel.close();
        } catch (IOException e) {
            // closing
        }
    }
}
