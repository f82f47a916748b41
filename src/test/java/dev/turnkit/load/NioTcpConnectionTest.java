package dev.turnkit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.transport.ConnectionRefusedException;
import dev.turnkit.transport.Deadline;
import dev.turnkit.transport.TransportException;
import dev.turnkit.transport.TransportTimeoutException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Frames cut from a TCP byte stream however it arrives, against a real loopback socket. */
class NioTcpConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A STUN Binding success header with no attributes: 20 bytes. */
    private static byte[] stunHeader() {
        byte[] m = new byte[20];
        m[0] = 0x01;
        m[1] = 0x01;
        m[4] = 0x21;
        m[5] = 0x12;
        m[6] = (byte) 0xA4;
        m[7] = 0x42;
        return m;
    }

    @Test
    void framesSplitAcrossWritesAndPackedTogetherComeOutWholeWithChannelDataPadding() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NioTcpConnection tcp = NioTcpConnection.open((InetSocketAddress) server.getLocalSocketAddress(),
                    Deadline.after(WAIT));
            try (Socket peer = server.accept(); tcp) {
                OutputStream out = peer.getOutputStream();
                byte[] stun = stunHeader();
                // ChannelData 0x4001 with 5 bytes of data: 9 bytes, padded to 12 on a stream (RFC 8656 §12.5)
                byte[] channelData = {0x40, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0};
                out.write(stun, 0, 7);
                out.flush();
                Thread.sleep(50);
                byte[] rest = new byte[13 + channelData.length];
                System.arraycopy(stun, 7, rest, 0, 13);
                System.arraycopy(channelData, 0, rest, 13, channelData.length);
                out.write(rest);
                out.flush();

                assertThat(tcp.receive(Deadline.after(WAIT))).as("the STUN message, whole").isEqualTo(stun);
                assertThat(tcp.receive(Deadline.after(WAIT))).as("the ChannelData with its padding")
                        .isEqualTo(channelData);
                assertThatThrownBy(() -> tcp.receive(Deadline.after(Duration.ofMillis(100))))
                        .isInstanceOf(TransportTimeoutException.class);

                tcp.send(stun);
                byte[] echoed = peer.getInputStream().readNBytes(20);
                assertThat(echoed).isEqualTo(stun);

                out.write(new byte[] {(byte) 0xFF, 0, 0, 0});
                out.flush();
                assertThatThrownBy(() -> tcp.receive(Deadline.after(WAIT))).isInstanceOf(TransportException.class)
                        .hasMessageContaining("out of sync");
            }
        }
    }

    @Test
    void aClosedPortIsRefusedAndAClosedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> NioTcpConnection.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                Deadline.after(WAIT))).isInstanceOf(ConnectionRefusedException.class);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NioTcpConnection tcp = NioTcpConnection.open((InetSocketAddress) server.getLocalSocketAddress(),
                    Deadline.after(WAIT));
            try (tcp) {
                server.accept().close();
                assertThatThrownBy(() -> tcp.receive(Deadline.after(WAIT))).isInstanceOf(TransportException.class)
                        .hasMessageContaining("closed by the server");
            }
        }
    }
}
