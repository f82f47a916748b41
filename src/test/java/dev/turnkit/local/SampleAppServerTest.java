package dev.turnkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleAppServerTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path tmp;
    private Path web;
    private Path config;
    private SampleAppServer server;

    @BeforeEach
    void start() throws IOException {
        web = Files.createDirectories(tmp.resolve("web"));
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>call</title>");
        Files.createDirectories(web.resolve("js"));
        Files.writeString(web.resolve("js/app.js"), "export const x = 1;");
        Files.writeString(web.resolve("style.css"), "body{}");
        Files.writeString(web.resolve(".env"), "SECRET=1");
        Files.createDirectories(web.resolve("node_modules/firebase"));
        Files.writeString(web.resolve("node_modules/firebase/package.json"), "{}");
        Files.writeString(tmp.resolve("outside.txt"), "outside the root");
        Files.createSymbolicLink(web.resolve("escape.txt"), tmp.resolve("outside.txt"));
        config = tmp.resolve("config.json");
        Files.writeString(config, "{\"projectId\":\"demo-turnkit\"}");
        server = SampleAppServer.start(web, 0, config);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesTheIndexAndModulesWithTheirContentTypes() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).as("GET / serves index.html").isEqualTo(200);
        assertThat(index.body()).contains("<title>call</title>");
        assertThat(index.headers().firstValue("Content-Type")).as("HTML content type")
                .hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).as("no sniffing").hasValue("nosniff");

        HttpResponse<String> module = get("/js/app.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type"))
                .as("ES modules must be served as JavaScript or the browser refuses them")
                .hasValue("text/javascript; charset=utf-8");
        assertThat(get("/style.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void servesTheCurrentConfigWithoutCaching() throws Exception {
        HttpResponse<String> first = get("/config.json");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"projectId\":\"demo-turnkit\"}");
        assertThat(first.headers().firstValue("Cache-Control")).as("config changes with every local up")
                .hasValue("no-store");
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");

        Files.writeString(config, "{\"projectId\":\"demo-other\"}");
        assertThat(get("/config.json").body()).as("config is read on every request").contains("demo-other");
    }

    @Test
    void neverServesFilesOutsideTheRootHiddenFilesOrDirectories() throws Exception {
        assertThat(rawStatus("/../outside.txt")).as("dot-dot segment").isEqualTo(404);
        assertThat(rawStatus("/%2e%2e/outside.txt")).as("encoded dot-dot segment").isEqualTo(404);
        assertThat(rawStatus("/js/%2e%2e/%2e%2e/outside.txt")).as("nested encoded dot-dot").isEqualTo(404);
        assertThat(get("/escape.txt").statusCode()).as("symlink pointing out of the root").isEqualTo(404);
        assertThat(get("/.env").statusCode()).as("hidden file").isEqualTo(404);
        assertThat(get("/node_modules/firebase/package.json").statusCode())
                .as("build-time dependencies: the page loads only its bundle").isEqualTo(404);
        assertThat(get("/js").statusCode()).as("directory, no listing").isEqualTo(404);
        assertThat(get("/js/").statusCode()).as("directory with slash, no listing").isEqualTo(404);
        assertThat(get("/missing.html").statusCode()).isEqualTo(404);
        assertThat(rawStatus("/index.html%00.js")).as("NUL byte").isEqualTo(404);
    }

    @Test
    void acceptsOnlyGetAndHead() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/index.html"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(server.url().resolve("/index.html"))
                .timeout(Duration.ofSeconds(5)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).as("HEAD has no body").isEmpty();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.url().getHost()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
    }

    @Test
    void refusesAMissingDirectoryOrConfigBeforeListening() {
        assertThatThrownBy(() -> SampleAppServer.start(tmp.resolve("nope"), 0, config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SampleAppServer.start(web, 0, tmp.resolve("nope.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope.json");
        assertThatThrownBy(() -> SampleAppServer.start(web.resolve("js"), 0, config))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no index.html");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request line as written: HTTP clients would normalise the dot segments away. */
    private int rawStatus(String rawPath) throws IOException {
        URI url = server.url();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
