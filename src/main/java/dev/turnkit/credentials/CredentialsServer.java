package dev.turnkit.credentials;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.turnkit.model.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The TURN credentials endpoint: {@code GET|POST /v1/turn-credentials} with {@code Authorization: Bearer <Firebase
 * ID token>} returns short-lived coturn REST credentials for the token's uid, plus {@code /healthz}. A thin adapter
 * of {@link CredentialsHandler} (where the behaviour is) to the JDK {@code HttpServer}/{@code HttpsServer}: it owns
 * the socket, TLS and its reloads, the threads, and tells the access log and any {@link RequestListener} about
 * every request. See docs/credentials.md for the API and the security model.
 *
 * <p>Start with {@link #start}, stop with {@link #close()} (also what a SIGTERM hook should call).
 */
public final class CredentialsServer implements AutoCloseable {
    public static final String CREDENTIALS_PATH = "/v1/turn-credentials";
    public static final String HEALTH_PATH = "/healthz";

    static {
        JdkServerDefaults.apply(); // before the JDK server first loads
    }

    private final CredentialsServerConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService poller;
    private final IdTokenVerifier verifier;
    private final CredentialsHandler handler;
    private final RequestListener[] listeners;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CredentialsServer(CredentialsServerConfig config, HttpServer server, ExecutorService executor,
            ScheduledExecutorService poller, IdTokenVerifier verifier, CredentialsHandler handler,
            List<RequestListener> listeners) {
        this.config = config;
        this.server = server;
        this.executor = executor;
        this.poller = poller;
        this.verifier = verifier;
        this.handler = handler;
        this.listeners = listeners.toArray(RequestListener[]::new);
    }

    /** Starts with the process environment, the system clock and the access log on stderr. */
    public static CredentialsServer start(CredentialsServerConfig config) {
        return start(config, System.getenv(), Clock.systemUTC(), AccessLog.stderr());
    }

    /** {@link #start(CredentialsServerConfig, Map, Clock, AccessLog, EndpointExtensions)} with no extensions. */
    public static CredentialsServer start(CredentialsServerConfig config, Map<String, String> env, Clock clock,
            AccessLog log) {
        return start(config, env, clock, log, EndpointExtensions.none());
    }

    /**
     * Starts serving; returns once the socket is bound.
     *
     * @param env the process environment: an inherited {@code FIREBASE_AUTH_EMULATOR_HOST} is refused in production
     * @param extensions listeners told about every request (after the access log) and extra routes
     * @throws ConfigException for unusable secrets, TLS files, a refused emulator setup or a port in use
     */
    public static CredentialsServer start(CredentialsServerConfig config, Map<String, String> env, Clock clock,
            AccessLog log, EndpointExtensions extensions) {
        byte[] secret = SecretFile.read(config.secretFile(), "TURN secret file");
        String keyInfo = "signing TURN credentials with secret " + SecretFile.keyId(secret);
        if (config.previousSecretFile() != null) {
            byte[] previous = SecretFile.read(config.previousSecretFile(), "previous TURN secret file");
            if (Arrays.equals(previous, secret)) {
                throw new ConfigException("the previous TURN secret equals the current one: rotation needs a new "
                        + "secret in " + config.secretFile());
            }
            keyInfo += "; coturn should also accept the previous secret " + SecretFile.keyId(previous)
                    + " until the longest TTL (" + config.maxTtl().toSeconds() + " s) has passed";
        }
        ReloadingKeyManager keys = config.tls()
                ? new ReloadingKeyManager(config.tlsCertFile(), config.tlsKeyFile(),
                        m -> log.event("INFO", "tls_reload", m))
                : null;
        IdTokenVerifier verifier = FirebaseIdTokenVerifier.create(config.projectId(), config.authEmulatorHost(),
                config.checkRevoked(), config.tokenCacheTtl(), env, clock);
        HttpServer server;
        try {
            server = bind(config, keys);
        } catch (IOException e) {
            verifier.close();
            throw new ConfigException("cannot listen on " + config.bindAddress().getHostAddress() + ":"
                    + config.port() + ": " + e.getMessage());
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(config.threads(),
                r -> daemon(r, "credentials-http-" + threadNo.incrementAndGet()));
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
                r -> daemon(r, "credentials-tls-reload"));
        CredentialsHandler handler = new CredentialsHandler(config, verifier, secret, clock, System::nanoTime, log,
                extensions.routes());
        List<RequestListener> listeners = new ArrayList<>();
        listeners.add(log);
        listeners.addAll(extensions.listeners());
        CredentialsServer cs = new CredentialsServer(config, server, executor, poller, verifier, handler, listeners);
        server.createContext("/", cs::exchange);
        server.setExecutor(executor);
        server.start();
        if (keys != null) {
            long every = config.reloadInterval().toMillis();
            poller.scheduleWithFixedDelay(keys::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
        }
        if (config.emulatorMode()) {
            log.event("WARNING", "emulator_mode", "WARNING: Firebase Auth EMULATOR mode (" + config.authEmulatorHost()
                    + "): ID token signatures are NOT checked. For local development only; never in production.");
        }
        log.event("INFO", "started", "serving " + cs.baseUri() + CREDENTIALS_PATH + " for project "
                + config.projectId() + "; " + keyInfo);
        return cs;
    }

    private static HttpServer bind(CredentialsServerConfig config, KeyManager keys) throws IOException {
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        if (keys == null) {
            return HttpServer.create(address, 256);
        }
        HttpsServer https = HttpsServer.create(address, 256);
        https.setHttpsConfigurator(configurator(keys));
        return https;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static HttpsConfigurator configurator(KeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            return new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters ssl = context.getDefaultSSLParameters();
                    ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    ssl.setNeedClientAuth(false);
                    params.setSSLParameters(ssl);
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable in this JVM", e);
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code https://host:port} (or {@code http://} on loopback without TLS). */
    public URI baseUri() {
        String host = config.bindAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((config.tls() ? "https" : "http") + "://" + host + ":" + port());
    }

    /** The credentials URL, {@code <base>/v1/turn-credentials}. */
    public URI credentialsUri() {
        return URI.create(baseUri() + CREDENTIALS_PATH);
    }

    /** Stops accepting, lets running exchanges finish for up to a second, releases everything. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(1);
        poller.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        verifier.close();
    }

    /** One exchange: request in, {@link CredentialsHandler#handle} it, response out, listeners told. */
    private void exchange(HttpExchange ex) {
        long start = System.nanoTime();
        InetSocketAddress remote = ex.getRemoteAddress();
        String ip = remote == null || remote.getAddress() == null ? "?" : remote.getAddress().getHostAddress();
        URI uri = ex.getRequestURI();
        String method = ex.getRequestMethod();
        EndpointRequest request = new EndpointRequest(method, uri.getRawPath(), uri.getRawQuery(),
                ex.getRequestHeaders(), ex.getRequestBody(), ip);
        EndpointResponse response = handler.handle(request);
        String error = response.error();
        try (ex) {
            if (response.status() != EndpointResponse.NO_RESPONSE) {
                send(ex, method, response);
            }
        } catch (IOException e) {
            error = error == null ? "io_error" : error;
        }
        RequestListener.RequestOutcome outcome = new RequestListener.RequestOutcome(ip, method,
                handler.route(request.path()), response.status(), System.nanoTime() - start, response.uid(),
                response.ttl(), error);
        for (RequestListener listener : listeners) {
            listener.completed(outcome);
        }
    }

    private static void send(HttpExchange ex, String method, EndpointResponse response) throws IOException {
        var headers = ex.getResponseHeaders();
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        if (body == null || method.equals("HEAD")) {
            ex.sendResponseHeaders(response.status(), -1);
            return;
        }
        ex.sendResponseHeaders(response.status(), body.length);
        ex.getResponseBody().write(body);
    }
}
