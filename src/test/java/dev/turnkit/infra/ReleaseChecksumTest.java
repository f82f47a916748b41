package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.pulumi.test.PulumiTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release by version: the stack fetches {@code turnkit.jar.sha256} from the release (here from a loopback server
 * that serves the release's paths, as GitHub does), nothing is uploaded, and the VM gets GitHub's jar URL with the
 * fetched SHA-256. Every fault is one line naming the URL, before anything is registered.
 */
class ReleaseChecksumTest {
    private static final String SHA = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
    private static final String PATH = "/acme/turnkit/releases/download/v1.2.3/turnkit.jar.sha256";
    private static final String JAR = "https://github.com/acme/turnkit/releases/download/v1.2.3/turnkit.jar";

    /** A response: status, body, whether to send its length (false: chunked), a Location header. */
    private record Answer(int status, String body, boolean fixedLength, String location) {
        static Answer ok(String body) {
            return new Answer(200, body, true, null);
        }
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private String base;

    @TempDir
    Path project;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        base = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        PulumiTest.cleanup();
    }

    private void answer(HttpExchange x) throws IOException {
        synchronized (requests) {
            requests.add(x.getRequestMethod() + " " + x.getRequestURI().getPath());
        }
        Answer a = answers.getOrDefault(x.getRequestURI().getPath(), new Answer(404, "Not Found", true, null));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        if (a.location() != null) {
            x.getResponseHeaders().set("Location", base + a.location());
        }
        x.sendResponseHeaders(a.status(), a.fixedLength() ? (body.length == 0 ? -1 : body.length) : 0);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static StackConfig config(Object... more) {
        List<Object> overrides = new ArrayList<>(List.of("turnkitVersion", "1.2.3", "turnkitReleaseRepo",
                "acme/turnkit"));
        overrides.addAll(List.of(more));
        return TestStacks.config(overrides.toArray());
    }

    private ReleaseChecksum checksums() {
        return new ReleaseChecksum(base, Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    private TurnkitJar jar(StackConfig config) {
        return TurnkitJar.of(config, project, StackRun.CLOCK, checksums());
    }

    @Test
    void withAVersionNothingIsUploadedAndTheVmGetsTheReleaseUrlAndTheFetchedChecksum() {
        answers.put(PATH, Answer.ok(SHA + "  turnkit.jar\n"));
        StackConfig config = config();
        TurnkitJar jar = jar(config);
        assertThat(jar).as("no build in the project, none needed").isEqualTo(new TurnkitJar.Released(JAR, SHA));
        assertThat(requests).containsExactly("GET " + PATH);

        StackRun run = StackRun.up(config, NsgRules.of(config), jar);
        assertThat(run.result().exitCode()).as(run.result().errors().toString()).isZero();
        assertThat(run.ofType(JarUploadTest.BUCKET)).as("no Object Storage").isEmpty();
        assertThat(run.ofType(JarUploadTest.OBJECT)).isEmpty();
        assertThat(run.ofType(JarUploadTest.PAR)).isEmpty();
        Map<?, ?> metadata = (Map<?, ?>) run.one("oci:Core/instance:Instance").inputs().get("metadata");
        String userData = new String(Base64.getDecoder().decode((String) metadata.get("user_data")),
                StandardCharsets.UTF_8);
        assertThat(userData).as("GitHub's jar URL and the fetched SHA-256, which the bootstrap checks")
                .contains("'" + JAR + "'", "echo '" + SHA + "  /opt/turnkit/turnkit.jar'")
                .doesNotContain(base);
    }

    @Test
    void githubsRedirectToItsStorageIsFollowed() {
        answers.put(PATH, new Answer(302, "", true, "/storage/turnkit.jar.sha256"));
        answers.put("/storage/turnkit.jar.sha256", Answer.ok(SHA + "  turnkit.jar\n"));
        assertThat(jar(config())).isEqualTo(new TurnkitJar.Released(JAR, SHA));
    }

    @Test
    void aPinnedChecksumMustMatchTheRelease() {
        answers.put(PATH, Answer.ok(SHA + "  turnkit.jar\n"));
        assertThat(jar(config("turnkitJarSha256", SHA))).isEqualTo(new TurnkitJar.Released(JAR, SHA));
        String other = "ab".repeat(32);
        assertThatThrownBy(() -> jar(config("turnkitJarSha256", other)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("turnkit:turnkitJarSha256: " + other + " is not the SHA-256 " + SHA + " that "
                        + base + PATH + " gives for v1.2.3");
    }

    @Test
    void aFileThatIsNotOneSha256sumLineIsOneLineNamingTheUrl() {
        answers.put(PATH, Answer.ok(SHA + " *turnkit.jar\n"));
        assertThatThrownBy(() -> jar(config())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("turnkit:turnkitVersion: " + base + PATH + " is not a sha256sum line")
                .hasMessageContaining("binary-mode marker")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingReleaseSaysWhatToCheck() {
        assertThatThrownBy(() -> jar(config())).isInstanceOf(ConfigException.class)
                .hasMessage("turnkit:turnkitVersion: cannot fetch " + base + PATH + " — not found (HTTP 404): is"
                        + " v1.2.3 published in acme/turnkit by the release workflow, with turnkit.jar.sha256"
                        + " attached?");
        answers.put(PATH, new Answer(500, "oops", true, null));
        assertThatThrownBy(() -> jar(config())).hasMessageEndingWith(PATH + " — HTTP 500 (expected 200)");
    }

    @Test
    void aLargeBodyIsRefusedWhetherOrNotItAnnouncesItsLength() {
        String big = SHA + "  turnkit.jar\n" + "x".repeat(4000);
        answers.put(PATH, Answer.ok(big));
        assertThatThrownBy(() -> jar(config())).hasMessageEndingWith("larger than 1024 bytes, not a checksum file");
        answers.put(PATH, new Answer(200, big, false, null));
        assertThatThrownBy(() -> jar(config())).hasMessageEndingWith("larger than 1024 bytes, not a checksum file");
    }

    @Test
    void aServerThatNeverAnswersIsAnErrorWithinTheReadTimeout() throws IOException {
        // the kernel completes the handshake into the backlog; nobody ever reads or writes
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String silentBase = "http://127.0.0.1:" + silent.getLocalPort();
            ReleaseChecksum checksums = new ReleaseChecksum(silentBase, Duration.ofSeconds(2), Duration.ofMillis(500));
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
                    () -> TurnkitJar.of(config(), project, StackRun.CLOCK, checksums))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("turnkit:turnkitVersion: cannot fetch " + silentBase + PATH
                            + " — no answer within 500 ms"));
        }
    }

    @Test
    void aClosedPortIsOneLineNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + port;
        ReleaseChecksum checksums = new ReleaseChecksum(closed, Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThatThrownBy(() -> checksums.resolve(config().release().published().orElseThrow(), Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("turnkit:turnkitVersion: cannot fetch " + closed + PATH + " — ")
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
