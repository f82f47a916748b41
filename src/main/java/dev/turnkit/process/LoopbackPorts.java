package dev.turnkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback address, for servers that are told their port on the command line. */
public final class LoopbackPorts {
    private LoopbackPorts() {
    }

    /**
     * A TCP port that is free on loopback now: the kernel picks it from the ephemeral range, and it is released
     * before this returns so that the server can bind it a moment later (another program may take it in between;
     * a caller that cannot afford that checks again or retries).
     *
     * @throws UncheckedIOException if no port can be bound on loopback
     */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port: " + e.getMessage(), e);
        }
    }
}
