package dev.turnkit.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves the sample call page ({@code web/}) on loopback for {@code turnkit local up}, plus {@code /config.json}
 * (the local endpoints the page talks to: project id, Auth and Firestore emulator URLs, credentials URL).
 *
 * <p>Static files only: GET and HEAD, files inside the root (no {@code ..}, no symlinks out of it, no hidden
 * files, no directory listings), a content type for every file, {@code Cache-Control: no-store} on the config
 * (it changes with every {@code local up}) and {@code no-cache} on the rest. Bound to the loopback address only.
 */
public final class SampleAppServer implements AutoCloseable {
    public static final String CONFIG_PATH = "/config.json";

    static {
        dev.turnkit.credentials.JdkServerDefaults.apply(); // before the JDK server first loads
    }

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"),
            Map.entry("map", "application/json"));
    private static final String FALLBACK_TYPE = "application/octet-stream";
    private static final long MAX_FILE_BYTES = 8L << 20;

    private final Path root;
    private final Path configFile;
    private final HttpServer server;
    private final ExecutorService executor;

    private SampleAppServer(Path root, Path configFile, HttpServer server, ExecutorService executor) {
        this.root = root;
        this.configFile = configFile;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code webRoot} on {@code 127.0.0.1:port} ({@code 0} picks a free port), with {@code /config.json}
     * read from {@code configFile} on every request.
     *
     * @throws IllegalArgumentException when the directory or the config file does not exist
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static SampleAppServer start(Path webRoot, int port, Path configFile) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        Path root;
        try {
            root = webRoot.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("sample app directory " + webRoot + " does not exist", e);
        }
        if (!Files.isDirectory(root) || !Files.isRegularFile(root.resolve("index.html"))) {
            throw new IllegalArgumentException("sample app directory " + webRoot + " has no index.html");
        }
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException("sample app config " + configFile + " does not exist");
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server;
        try {
            server = HttpServer.create(address, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sample-app-http");
            t.setDaemon(true);
            return t;
        });
        SampleAppServer app = new SampleAppServer(root, configFile.toAbsolutePath(), server, executor);
        server.createContext("/", app::handle);
        server.setExecutor(executor);
        server.start();
        return app;
    }

    /** The page's URL, e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Headers headers = ex.getResponseHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                headers.set("Allow", "GET, HEAD");
                sendText(ex, 405, "method not allowed: use GET");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path == null || !path.startsWith("/")) {
                sendText(ex, 400, "bad path");
                return;
            }
            if (path.equals(CONFIG_PATH)) {
                headers.set("Cache-Control", "no-store");
                sendFile(ex, configFile, "application/json");
                return;
            }
            Path file = resolve(path);
            if (file == null) {
                sendText(ex, 404, "not found");
                return;
            }
            headers.set("Cache-Control", "no-cache");
            sendFile(ex, file, contentType(file));
        } catch (IOException | RuntimeException e) {
            if (ex.getResponseCode() == -1) {
                sendText(ex, 500, "internal error");
            }
        }
    }

    /** The file under the root that {@code path} names, or null when it is outside, hidden, missing or not a file. */
    Path resolve(String path) {
        String relative = path.equals("/") ? "index.html" : path.substring(1);
        if (relative.isEmpty() || relative.indexOf('\0') >= 0 || relative.indexOf('\\') >= 0) {
            return null;
        }
        for (String segment : relative.split("/", -1)) {
            // Empty ("//"), "." and ".." segments, hidden files (".git", ".env") and the page's build-time
            // dependencies (node_modules: the page loads only its bundle) are never served.
            if (segment.isEmpty() || segment.startsWith(".") || segment.equals("node_modules")) {
                return null;
            }
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            return null;
        }
        try {
            // The real path catches symlinks that point out of the root.
            Path real = candidate.toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            return real;
        } catch (IOException e) {
            return null;
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(ext, FALLBACK_TYPE);
    }

    private static void sendFile(HttpExchange ex, Path file, String contentType) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            sendText(ex, 404, "not found");
            return;
        }
        if (size > MAX_FILE_BYTES) {
            sendText(ex, 500, "file too large to serve");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(200, head ? -1 : (size == 0 ? -1 : size));
        if (!head && size > 0) {
            try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static void sendText(HttpExchange ex, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
