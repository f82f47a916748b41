package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.turnkit.deploy.Artifact;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import dev.turnkit.testsupport.StackMaps;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code turnkit deploy} without {@code --jar} sends the host the release the stack pins by version, with the
 * SHA-256 of the release's {@code turnkit.jar.sha256} (fetched here from a loopback server that serves GitHub's
 * release paths), the same jar and checksum {@code pulumi up} gives the VM. The deploy tests on the simulated host
 * cover the host's download and check of a pinned jar.
 */
class DeployReleasedJarTest {
    private static final String PATH = "/acme/turnkit/releases/download/v1.2.3/turnkit.jar.sha256";
    private static final String JAR = "https://github.com/acme/turnkit/releases/download/v1.2.3/turnkit.jar";

    private final List<String> requests = new ArrayList<>();
    private volatile String checksumFile = "";
    private HttpServer server;
    private String base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", x -> {
            synchronized (requests) {
                requests.add(x.getRequestURI().getPath());
            }
            boolean found = x.getRequestURI().getPath().equals(PATH);
            byte[] body = (found ? checksumFile : "Not Found").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static StackConfig stack(String... extra) {
        Map<String, Object> m = StackMaps.valid();
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return StackConfig.fromMap("dev", m);
    }

    @Test
    void aReleaseByVersionDeploysGithubsJarWithTheReleasesChecksum() {
        String sha = "ab".repeat(32);
        checksumFile = sha + "  turnkit.jar\n";
        Optional<Artifact> jar = DeployFiles.releasedJar(stack("turnkit:turnkitVersion", "1.2.3",
                "turnkit:turnkitReleaseRepo", "acme/turnkit"), null, base);
        assertThat(jar).isPresent();
        assertThat(jar.get().fetch().url()).isEqualTo(JAR);
        assertThat(jar.get().sha256()).isEqualTo(sha);
        assertThat(requests).containsExactly(PATH);
    }

    @Test
    void aPinThatDisagreesWithTheReleaseIsRefusedBeforeAnyConnection() {
        checksumFile = "ab".repeat(32) + "  turnkit.jar\n";
        StackConfig config = stack("turnkit:turnkitVersion", "1.2.3", "turnkit:turnkitReleaseRepo", "acme/turnkit",
                "turnkit:turnkitJarSha256", "cd".repeat(32));
        assertThatThrownBy(() -> DeployFiles.releasedJar(config, null, base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("turnkitJarSha256").hasMessageContaining("ab".repeat(32));
    }

    @Test
    void aLocalJarWinsAndNothingIsFetched() {
        byte[] local = "jar".getBytes(StandardCharsets.UTF_8);
        Optional<Artifact> jar = DeployFiles.releasedJar(stack("turnkit:turnkitVersion", "1.2.3",
                "turnkit:turnkitReleaseRepo", "acme/turnkit"), local, base);
        assertThat(jar.get().content()).isEqualTo(local);
        assertThat(requests).isEmpty();
    }

    @Test
    void withoutAReleaseNoJarIsDeployed() {
        assertThat(DeployFiles.releasedJar(stack(), null, base)).isEmpty();
        assertThat(requests).isEmpty();
    }
}
