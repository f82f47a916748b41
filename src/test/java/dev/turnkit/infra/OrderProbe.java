package dev.turnkit.infra;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client outside the NAT that asks the TURN host's public address for a STUN Binding (RFC 8489) every 50 ms
 * while the host boots and records when it got the first answer (wall clock, ms), so a test can order "coturn
 * serves" against the boot's own log lines. Sends from {@code bindIp} (the simulated internet) to {@code target}.
 */
final class OrderProbe implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final List<Long> sent = new CopyOnWriteArrayList<>();
    private volatile long firstAnswer = -1;
    private volatile boolean running;
    private Thread thread;

    OrderProbe(String bindIp, String target, int port) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bindIp), 0));
        this.socket.setSoTimeout(50);
        this.target = new InetSocketAddress(InetAddress.getByName(target), port);
    }

    void start() {
        running = true;
        thread = new Thread(this::probe, "tkfb-order-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void probe() {
        SecureRandom random = new SecureRandom();
        byte[] reply = new byte[1500];
        while (running && firstAnswer < 0) {
            byte[] tid = new byte[12];
            random.nextBytes(tid);
            byte[] request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                    .putInt(0x2112A442).put(tid).array();
            try {
                sent.add(System.currentTimeMillis());
                socket.send(new DatagramPacket(request, request.length, target));
                long until = System.currentTimeMillis() + 50;
                while (System.currentTimeMillis() < until) {
                    DatagramPacket p = new DatagramPacket(reply, reply.length);
                    socket.receive(p);
                    if (p.getLength() >= 20 && reply[0] == 0x01 && reply[1] == 0x01) {
                        firstAnswer = System.currentTimeMillis();
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // no answer within 50 ms: ask again
            } catch (IOException e) {
                // ICMP unreachable from the image's REJECT, or the socket closed: ask again unless stopped
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops probing (the first answer, if any, is kept). */
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2_000);
        }
    }

    /** When the first Binding success response arrived, or -1. */
    long firstAnswer() {
        return firstAnswer;
    }

    int sent() {
        return sent.size();
    }

    /** How many requests were sent before {@code millis}. */
    long sentBefore(long millis) {
        return sent.stream().filter(t -> t < millis).count();
    }

    @Override
    public void close() {
        running = false;
        socket.close();
    }
}
