package dev.turnkit.local;

import dev.turnkit.process.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses the local stack's loopback ports: the standard ones (so apps can keep their usual emulator settings), or
 * free ones with {@code --ports auto}. A standard port that is taken is a clear error naming the port, what
 * uses it in the stack and how to get around it.
 */
final class LocalPorts {
    /** Standard ports: TURN, TURN over TLS, relay range start, Auth emulator, Firestore emulator, credentials, app. */
    static final int TURN = 3478;
    static final int TURN_TLS = 5349;
    static final int AUTH = 9099;
    static final int FIRESTORE = 8080;
    static final int CREDENTIALS = 8088;
    static final int SAMPLE_APP = 8089;

    private final boolean auto;
    private final Set<Integer> taken = new HashSet<>();

    LocalPorts(boolean auto) {
        this.auto = auto;
    }

    /** A TCP port (and, for TURN, also UDP) on 127.0.0.1 for {@code what}. */
    int pick(String what, int standard, boolean udpToo) {
        if (!auto) {
            if (!free(standard, udpToo)) {
                throw LocalStackException.portInUse("port " + standard + " for " + what + " is already in use on "
                        + "127.0.0.1; stop what uses it (is another local stack up? 'turnkit local down')");
            }
            taken.add(standard);
            return standard;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ephemeral();
            if (!taken.contains(port) && free(port, udpToo)) {
                taken.add(port);
                return port;
            }
        }
        throw new LocalStackException("no free loopback port found for " + what);
    }

    /**
     * coturn's relay port range: the standard 49152.. range, or in auto mode a random range below Linux's ephemeral
     * ports (32768-60999), so that no port picked for a listener elsewhere can fall inside it.
     */
    int[] relayRange(int size) {
        int start = auto ? 20000 + (int) (Math.random() * (12000 - size)) : 49152;
        return new int[] {start, start + size - 1};
    }

    private static int ephemeral() {
        try {
            return LoopbackPorts.free();
        } catch (UncheckedIOException e) {
            throw new LocalStackException(e.getMessage(), e.getCause());
        }
    }

    static boolean free(int port, boolean udpToo) {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(lo, port));
        } catch (IOException e) {
            return false;
        }
        if (udpToo) {
            try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(lo, port))) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
