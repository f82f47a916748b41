package dev.turnkit.load;

import dev.turnkit.transport.StunConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;

/**
 * What the load's non-blocking connections share: one channel to the server that the control plane waits on with a
 * private selector and the media loop registers with its own ({@link NioUdpConnection}, {@link NioTcpConnection}).
 */
abstract class NioConnection implements StunConnection {
    final InetSocketAddress remote;

    NioConnection(InetSocketAddress remote) {
        this.remote = remote;
    }

    /** The non-blocking channel, to register with the media loop's selector. */
    abstract SelectableChannel channel();

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public InetSocketAddress local() {
        try {
            return (InetSocketAddress) ((NetworkChannel) channel()).getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }
}
