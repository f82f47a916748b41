package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.testsupport.Components;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Auth emulator's own lifecycle: started on a free loopback port, ready, and stopped by PID on close. */
class AuthEmulatorTest {
    @TempDir
    Path dir;

    @Test
    void closeStopsTheEmulatorAndTheChildrenItStartedByPid() throws Exception {
        // Startup takes 10-60 s, and minutes on a machine shared by several builds.
        AuthEmulator emulator = AuthEmulator.start(Components.e2eNodeModules(), "demo-turnkit-lifecycle", dir,
                Duration.ofSeconds(300));
        ProcessHandle process;
        List<ProcessHandle> children;
        int port;
        try {
            process = ProcessHandle.of(emulator.pid()).orElseThrow();
            children = process.descendants().toList();
            port = emulator.baseUri().getPort();
            assertThat(emulator.signUpAnonymously().idToken()).as("it serves").isNotBlank();
        } finally {
            emulator.close();
        }
        process.onExit().get(5, TimeUnit.SECONDS);
        assertThat(process.isAlive()).isFalse();
        assertThat(children).allSatisfy(c -> assertThat(c.isAlive()).as("child " + c.pid()).isFalse());
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void aProjectThatIsNotADemoProjectIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> AuthEmulator.start(dir.resolve("no-node-modules"), "my-real-project", dir,
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo- project id");
    }
}
