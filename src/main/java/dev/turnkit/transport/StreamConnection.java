package dev.turnkit.transport;

import dev.turnkit.protocol.ProtocolException;
import dev.turnkit.protocol.StreamFraming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * TCP or TLS: STUN messages and (padded) ChannelData back to back on one byte stream. Frames split across reads
 * are reassembled and several frames in one read are cut apart ({@link StreamFraming}).
 */
class StreamConnection implements StunConnection {
    private final TransportType type;
    private final Socket socket;
    private final InetSocketAddress remote;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buffer = new byte[4096];
    private int start;
    private int end;

    StreamConnection(TransportType type, Socket socket, InetSocketAddress remote) throws IOException {
        this.type = type;
        this.socket = socket;
        this.remote = remote;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public TransportType type() {
        return type;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void send(byte[] frame) throws TransportException {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            throw new TransportException(type.id() + " send to " + Connections.describe(remote) + " failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public byte[] receive(Deadline deadline) throws TransportException {
        while (true) {
            int frameLength;
            try {
                frameLength = StreamFraming.frameLength(buffer, start, end - start);
            } catch (ProtocolException e) {
                throw new TransportException(type.id() + " from " + Connections.describe(remote) + ": "
                        + e.getMessage());
            }
            if (frameLength >= 0 && end - start >= frameLength) {
                byte[] frame = Arrays.copyOfRange(buffer, start, start + frameLength);
                start += frameLength;
                return frame;
            }
            fill(deadline, frameLength);
        }
    }

    private void fill(Deadline deadline, int needed) throws TransportException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, needed);
        } else if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        try {
            socket.setSoTimeout(deadline.remainingMillisForSocket());
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                throw new TransportException(type.id() + " connection to " + Connections.describe(remote)
                        + " closed by the server" + (end > 0 ? " in the middle of a frame" : ""));
            }
            end += n;
        } catch (SocketTimeoutException e) {
            throw new TransportTimeoutException("no " + type.id() + " reply from " + Connections.describe(remote));
        } catch (IOException e) {
            throw new TransportException(type.id() + " receive from " + Connections.describe(remote) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is best effort
        }
    }
}
