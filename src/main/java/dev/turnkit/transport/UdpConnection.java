package dev.turnkit.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A connected UDP socket. Connecting lets the kernel report ICMP port-unreachable as an error, so a stopped server
 * on a reachable host fails at once instead of after the whole retransmission schedule.
 */
final class UdpConnection implements StunConnection {
    private static final int MAX_DATAGRAM = 65_535;
    private final DatagramSocket socket;
    private final InetSocketAddress remote;
    private final byte[] buffer = new byte[MAX_DATAGRAM];

    private UdpConnection(DatagramSocket socket, InetSocketAddress remote) {
        this.socket = socket;
        this.remote = remote;
    }

    static UdpConnection open(InetSocketAddress remote) throws TransportException {
        return open(remote, 0);
    }

    /** Bound to {@code localPort} (0: any free port the OS picks). */
    static UdpConnection open(InetSocketAddress remote, int localPort) throws TransportException {
        if (remote.isUnresolved()) {
            throw new TransportException("cannot resolve " + remote.getHostString());
        }
        try {
            DatagramSocket socket = new DatagramSocket(null);
            socket.bind(new InetSocketAddress(remote.getAddress().isLoopbackAddress()
                    ? remote.getAddress() : null, localPort));
            socket.connect(remote);
            return new UdpConnection(socket, remote);
        } catch (IOException e) {
            throw new TransportException("udp " + Connections.describe(remote) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TransportType type() {
        return TransportType.UDP;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void send(byte[] frame) throws TransportException {
        try {
            socket.send(new DatagramPacket(frame, frame.length));
        } catch (PortUnreachableException e) {
            throw refused(e);
        } catch (IOException e) {
            throw new TransportException("udp send to " + Connections.describe(remote) + " failed: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public byte[] receive(Deadline deadline) throws TransportException {
        try {
            socket.setSoTimeout(deadline.remainingMillisForSocket());
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return Arrays.copyOf(packet.getData(), packet.getLength());
        } catch (SocketTimeoutException e) {
            throw new TransportTimeoutException("no UDP reply from " + Connections.describe(remote));
        } catch (PortUnreachableException e) {
            throw refused(e);
        } catch (SocketException e) {
            if (socket.isClosed()) {
                throw new TransportException("udp connection to " + Connections.describe(remote) + " closed", e);
            }
            throw new TransportException("udp receive from " + Connections.describe(remote) + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new TransportException("udp receive from " + Connections.describe(remote) + ": " + e.getMessage(),
                    e);
        }
    }

    private TransportException refused(IOException e) {
        return new ConnectionRefusedException("udp " + Connections.describe(remote)
                + ": port unreachable (ICMP), nothing listening", e);
    }

    @Override
    public void close() {
        socket.close();
    }
}
