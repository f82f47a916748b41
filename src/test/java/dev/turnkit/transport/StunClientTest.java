package dev.turnkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.protocol.Attribute;
import dev.turnkit.protocol.ChannelData;
import dev.turnkit.protocol.Message;
import dev.turnkit.protocol.MessageClass;
import dev.turnkit.protocol.MessageType;
import dev.turnkit.protocol.Method;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Transactions, retransmission and stream framing against small fake servers on loopback. */
class StunClientTest {
    private static final RetransmissionPolicy FAST = new RetransmissionPolicy(Duration.ofMillis(20), 4, 4);

    private static byte[] successFor(Message request) {
        return Message.builder(MessageType.of(request.method(), MessageClass.SUCCESS_RESPONSE))
                .transactionId(request.transactionId())
                .add(new Attribute.XorMappedAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4242)))
                .fingerprint().encode();
    }

    /** A UDP server that records requests and answers only the copy number {@code answerCopy} (0 = never). */
    private static final class FakeUdpServer implements AutoCloseable {
        final DatagramSocket socket;
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        final Thread thread;

        FakeUdpServer(int answerCopy) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                byte[] buf = new byte[2048];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                        received.add(data);
                        if (answerCopy > 0 && received.size() == answerCopy) {
                            byte[] reply = successFor(Message.decode(data));
                            socket.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, p.getSocketAddress()));
                            socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Test
    void udpRetransmitsRcCopiesThenTimesOut() throws Exception {
        try (FakeUdpServer server = new FakeUdpServer(0);
                StunClient client = new StunClient(Connections.open(TransportType.UDP, server.address(), null,
                        Deadline.after(Duration.ofSeconds(1))), FAST)) {
            Message.Builder request = Message.request(Method.BINDING);
            assertThatThrownBy(() -> client.transact(request, Deadline.after(Duration.ofSeconds(5))))
                    .isInstanceOf(TransportTimeoutException.class)
                    .hasMessageContaining("no response to Binding");
            Thread.sleep(50);
            assertThat(server.received).as("Rc copies are sent, all with the same transaction ID").hasSize(4)
                    .allSatisfy(b -> assertThat(Message.decode(b).transactionId())
                            .isEqualTo(request.transactionId()));
        }
    }

    @Test
    void aRetransmittedRequestSucceedsWhenALaterCopyIsAnsweredAndJunkIsDropped() throws Exception {
        try (FakeUdpServer server = new FakeUdpServer(3);
                StunClient client = new StunClient(Connections.open(TransportType.UDP, server.address(), null,
                        Deadline.after(Duration.ofSeconds(1))), FAST)) {
            Message response = client.transact(Message.request(Method.BINDING), Deadline.after(Duration.ofSeconds(5)));
            assertThat(response.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
            assertThat(server.received).as("the third copy was answered").hasSizeGreaterThanOrEqualTo(3);
            assertThat(client.droppedDatagrams()).as("a 3-byte junk datagram is dropped, not fatal").isEqualTo(1);
        }
    }

    @Test
    void theDeadlineBoundsTheRetransmissionSchedule() throws Exception {
        try (FakeUdpServer server = new FakeUdpServer(0);
                StunClient client = new StunClient(Connections.open(TransportType.UDP, server.address(), null,
                        Deadline.after(Duration.ofSeconds(1))), RetransmissionPolicy.RFC_DEFAULT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.transact(Message.request(Method.BINDING),
                    Deadline.after(Duration.ofMillis(300)))).isInstanceOf(TransportTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the 39.5 s RFC schedule is cut by the deadline").isLessThan(Duration.ofSeconds(10));
            assertThat(server.received).as("copies at 0 ms and 500 ms would be 2; within 300 ms only 1").hasSize(1);
        }
    }

    @Test
    void udpToAClosedPortFailsAsRefused() throws Exception {
        InetSocketAddress closed;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            closed = (InetSocketAddress) s.getLocalSocketAddress();
        }
        try (StunClient client = new StunClient(Connections.open(TransportType.UDP, closed, null,
                Deadline.after(Duration.ofSeconds(1))), RetransmissionPolicy.RFC_DEFAULT)) {
            assertThatThrownBy(() -> client.transact(Message.request(Method.BINDING),
                    Deadline.after(Duration.ofSeconds(30))))
                    .as("ICMP port unreachable ends the transaction without waiting for the schedule")
                    .isInstanceOf(ConnectionRefusedException.class).hasMessageContaining("nothing listening");
        }
    }

    @Test
    void tcpToAClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> Connections.open(TransportType.TCP,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), null, Deadline.after(Duration.ofSeconds(1))))
                .isInstanceOf(ConnectionRefusedException.class).hasMessageContaining("connection refused");
    }

    /** What a fake TCP server does with its one connection. */
    private interface Conversation {
        void talk(Socket s) throws Exception;
    }

    /** Accepts one connection on a daemon thread; failures show up on the client side. */
    private static void serveOnce(ServerSocket server, Conversation conversation) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                conversation.talk(s);
            } catch (Exception e) {
                // the client-side assertions report what went wrong
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private static StunClient tcpClient(ServerSocket server) throws TransportException {
        return new StunClient(Connections.open(TransportType.TCP, (InetSocketAddress) server.getLocalSocketAddress(),
                null, Deadline.after(Duration.ofSeconds(2))), RetransmissionPolicy.RFC_DEFAULT);
    }

    @Test
    void tcpFramingReassemblesSplitFramesAndSeparatesMergedOnes() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serveOnce(server, s -> {
                byte[] header = s.getInputStream().readNBytes(20);
                int len = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
                byte[] body = s.getInputStream().readNBytes(len);
                byte[] req = java.util.Arrays.copyOf(header, 20 + len);
                System.arraycopy(body, 0, req, 20, len);
                byte[] response = successFor(Message.decode(req));
                byte[] channel = new ChannelData(0x4000, new byte[] {7, 7, 7}).encode(true);
                byte[] indication = Message.indication(Method.DATA)
                        .add(new Attribute.XorPeerAddress(new InetSocketAddress("127.0.0.1", 9)))
                        .add(new Attribute.Data(new byte[] {1})).encode();
                OutputStream out = s.getOutputStream();
                // ChannelData + indication merged into one write ...
                byte[] merged = new byte[channel.length + indication.length];
                System.arraycopy(channel, 0, merged, 0, channel.length);
                System.arraycopy(indication, 0, merged, channel.length, indication.length);
                out.write(merged);
                out.flush();
                // ... then the response one byte at a time
                for (byte b : response) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1);
                }
                Thread.sleep(200);
            });
            try (StunClient client = tcpClient(server)) {
                Message response = client.transact(Message.request(Method.BINDING), Deadline.after(Duration.ofSeconds(5)));
                assertThat(response.get(Attribute.XorMappedAddress.class)).isPresent();
                List<StunClient.Inbound> inbound = new ArrayList<>();
                inbound.add(client.receiveInbound(Deadline.after(Duration.ofSeconds(1))));
                inbound.add(client.receiveInbound(Deadline.after(Duration.ofSeconds(1))));
                assertThat(inbound).as("frames that arrived before the response are kept in order")
                        .hasExactlyElementsOfTypes(StunClient.Channel.class, StunClient.Indication.class);
                assertThat(((StunClient.Channel) inbound.get(0)).data().data()).containsExactly(7, 7, 7);
            }
        }
    }

    @Test
    void aStreamOutOfSyncIsAnErrorNotAHang() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serveOnce(server, s -> {
                s.getOutputStream().write(new byte[] {(byte) 0xFF, 0, 0, 0});
                Thread.sleep(500);
            });
            try (StunClient client = tcpClient(server)) {
                assertThatThrownBy(() -> client.transact(Message.request(Method.BINDING),
                        Deadline.after(Duration.ofSeconds(5))))
                        .isInstanceOf(TransportException.class).hasMessageContaining("out of sync");
            }
        }
    }

    @Test
    void retransmissionScheduleDoublesThenWaitsRm() {
        RetransmissionPolicy p = RetransmissionPolicy.RFC_DEFAULT;
        List<Long> delays = new ArrayList<>();
        for (int sent = 1; sent <= 7; sent++) {
            delays.add(p.delayAfter(sent).toMillis());
        }
        assertThat(delays).as("RFC 8489 §6.2.1: 500, 1000, 2000, ... then Rm*RTO = 8000 ms after the 7th copy")
                .containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 8000L);
    }
}
