package dev.turnkit.credentials;

import dev.turnkit.model.ConfigException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The TURN credentials endpoint: {@code GET|POST /v1/turn-credentials} with {@code Authorization: Bearer <Firebase
 * ID token>} returns short-lived coturn REST credentials for the token's uid, plus {@code /healthz}. A thin adapter
 * of {@link CredentialsHandler} (where the behaviour is) to Netty's HTTP/1.1 codec ({@link NettyExchange}): it owns
 * the socket, TLS and its reloads, the threads, and tells the access log and any {@link RequestListener} about
 * every request. Netty replaced the JDK's {@code com.sun.net.httpserver} for speed: that server parses headers a
 * byte at a time and was the largest share of the endpoint's CPU (docs/credentials.md, "Server"). See
 * docs/credentials.md for the API and the security model.
 *
 * <p>Start with {@link #start}, stop with {@link #close()} (also what a SIGTERM hook should call).
 */
public final class CredentialsServer implements AutoCloseable {
    public static final String CREDENTIALS_PATH = dev.turnkit.model.CredentialsUrl.PATH;
    public static final String HEALTH_PATH = "/healthz";
    /** Longest accepted request line and header block at the codec; the handler applies the configured limit. */
    static final int CODEC_MAX_HEADER_BYTES = 65_536;
    /** Largest body the codec buffers; the handler refuses anything over the configured limit with a 413. */
    static final int CODEC_MAX_BODY_BYTES = 65_536;
    /** Idle keep-alive connections are closed after this many seconds. */
    static final int IDLE_SECONDS = 30;
    /**
     * A whole request must arrive within this many seconds of the connection opening or the previous response: the
     * idle time plus 10 s to send it, however slowly a client writes (slow-loris clients).
     */
    static final long NEXT_REQUEST_SECONDS = IDLE_SECONDS + 10;
    private static final UnpooledByteBufAllocator HEAP_BUFFERS = new UnpooledByteBufAllocator(false);

    private final CredentialsServerConfig config;
    private final Channel channel;
    private final EventLoopGroup io;
    private final ExecutorService executor;
    private final ScheduledExecutorService poller;
    private final IdTokenVerifier verifier;
    private final AccessLog log;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CredentialsServer(CredentialsServerConfig config, Channel channel, EventLoopGroup io,
            ExecutorService executor, ScheduledExecutorService poller, IdTokenVerifier verifier, AccessLog log) {
        this.config = config;
        this.channel = channel;
        this.io = io;
        this.executor = executor;
        this.poller = poller;
        this.verifier = verifier;
        this.log = log;
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
        SSLContext tls = keys == null ? null : sslContext(keys);
        IdTokenVerifier verifier = FirebaseIdTokenVerifier.create(config.projectId(), config.authEmulatorHost(),
                config.checkRevoked(), config.tokenCacheTtl(), env, clock);
        CredentialsHandler handler = new CredentialsHandler(config, verifier, secret, clock, System::nanoTime, log,
                extensions.routes());
        List<RequestListener> listeners = new ArrayList<>();
        listeners.add(log);
        listeners.addAll(extensions.listeners());
        RequestListener[] told = listeners.toArray(RequestListener[]::new);

        ExecutorService executor = Executors.newFixedThreadPool(config.threads(), daemons("credentials-http-"));
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, daemons("credentials-io-"), NioIoHandler.newFactory());
        Channel channel;
        try {
            channel = new ServerBootstrap()
                    .group(io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    // heap buffers: bounded by -Xmx and collected young, instead of pooled direct memory in RSS
                    .option(ChannelOption.ALLOCATOR, HEAP_BUFFERS)
                    .childOption(ChannelOption.ALLOCATOR, HEAP_BUFFERS)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            NettyExchange exchange = new NettyExchange(handler, told, executor,
                                    NEXT_REQUEST_SECONDS);
                            ChannelPipeline p = ch.pipeline();
                            if (tls != null) {
                                p.addLast(new SslHandler(serverEngine(tls)));
                            }
                            p.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS),
                                    new HttpServerCodec(CODEC_MAX_HEADER_BYTES, CODEC_MAX_HEADER_BYTES, 8192),
                                    new HttpObjectAggregator(CODEC_MAX_BODY_BYTES),
                                    exchange);
                        }
                    })
                    .bind(new InetSocketAddress(config.bindAddress(), config.port()))
                    .syncUninterruptibly().channel();
        } catch (Exception e) { // Netty rethrows the bind's IOException unchecked
            shutdown(io, executor);
            verifier.close();
            throw new ConfigException("cannot listen on " + config.bindAddress().getHostAddress() + ":"
                    + config.port() + ": " + e.getMessage());
        }
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemons("credentials-tls-reload"));
        CredentialsServer cs = new CredentialsServer(config, channel, io, executor, poller, verifier, log);
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

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
            t.setDaemon(true);
            return t;
        };
    }

    private static SSLContext sslContext(KeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable in this JVM", e);
        }
    }

    /** A server-side engine: TLS 1.3 and 1.2 only, no client certificates. */
    private static SSLEngine serverEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        engine.setNeedClientAuth(false);
        return engine;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
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

    /**
     * Stops accepting, lets running exchanges finish for up to two seconds, releases everything, then flushes the
     * access log: a request's line is written when its response has gone out, which can be after the client has it,
     * so only a flush after the I/O threads have stopped is sure to carry it. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        poller.shutdownNow();
        shutdown(io, executor);
        verifier.close();
        log.flush();
    }

    private static void shutdown(EventLoopGroup io, ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
