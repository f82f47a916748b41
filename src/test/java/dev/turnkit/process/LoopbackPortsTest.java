package dev.turnkit.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
    @Test
    void theFreePortIsReleasedSoThatAServerCanBindIt() throws Exception {
        int port = LoopbackPorts.free();
        assertThat(port).isBetween(1024, 65535);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortThatIsTakenIsNeverHandedOut() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 50; i++) {
                assertThat(LoopbackPorts.free()).isNotEqualTo(taken.getLocalPort());
            }
        }
    }
}
