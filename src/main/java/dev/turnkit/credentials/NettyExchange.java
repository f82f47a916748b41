package dev.turnkit.credentials;

import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import io.netty.util.ReferenceCountUtil;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The last handler of a connection's Netty pipeline: turns each aggregated request into an {@link EndpointRequest},
 * runs {@link CredentialsHandler#handle} on the request executor (token verification may block on the network, so
 * never on the I/O thread), writes the response and tells the listeners once it is written. Also enforces what the
 * JDK server enforced in its way: at most {@value #MAX_HEADERS} headers, each whole request within
 * {@code nextRequestSeconds} of the connection opening or the previous response (slow clients), and idle keep-alive
 * connections closed (an {@link IdleStateEvent}).
 */
final class NettyExchange extends ChannelInboundHandlerAdapter {
    static final int MAX_HEADERS = 64;

    private final CredentialsHandler handler;
    private final RequestListener[] listeners;
    private final Executor executor;
    private final long nextRequestSeconds;
    private String clientIp;
    private ScheduledFuture<?> requestDeadline;
    /** Requests read while one is in the handler: answered in order, one at a time (HTTP/1.1 pipelining). */
    private final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>(2);
    private boolean busy;

    NettyExchange(CredentialsHandler handler, RequestListener[] listeners, Executor executor,
            long nextRequestSeconds) {
        this.handler = handler;
        this.listeners = listeners;
        this.executor = executor;
        this.nextRequestSeconds = nextRequestSeconds;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        clientIp = remote == null || remote.getAddress() == null ? "?" : remote.getAddress().getHostAddress();
        armDeadline(ctx);
        super.channelActive(ctx);
    }

    /**
     * The next whole request must arrive within {@code nextRequestSeconds} of the connection opening or of the last
     * response: a client that sends a request a byte at a time is disconnected, however it splits its writes.
     */
    private void armDeadline(ChannelHandlerContext ctx) {
        if (requestDeadline == null) {
            requestDeadline = ctx.executor().schedule(() -> {
                ctx.close();
            }, nextRequestSeconds, TimeUnit.SECONDS);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (requestDeadline != null) {
            requestDeadline.cancel(false);
            requestDeadline = null;
        }
        if (busy) {
            pending.add(request);
            ctx.channel().config().setAutoRead(false); // no more reads until the queue drains
            return;
        }
        dispatch(ctx, request);
    }

    /** On the I/O thread, after a response was written: the next queued request, or reading again. */
    private void next(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest queued = pending.poll();
        if (queued != null) {
            dispatch(ctx, queued);
        } else if (ctx.channel().isActive()) {
            armDeadline(ctx);
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        long start = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String method = request.method().name();
        EndpointResponse refused = refusal(request.decoderResult(), request.headers());
        if (refused != null) {
            request.release();
            respond(ctx, start, method, CredentialsHandler.OTHER_ROUTE, refused, false, false);
            return;
        }
        String path;
        String rawQuery;
        String uri = request.uri();
        try {
            // java.net.URI, as the JDK server used: the same raw path and query, the same targets refused
            URI parsed = new URI(uri);
            path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
            rawQuery = parsed.getRawQuery();
        } catch (URISyntaxException e) {
            request.release();
            respond(ctx, start, method, CredentialsHandler.OTHER_ROUTE, EndpointResponse.error(400, "bad_request",
                    "the request target is not a valid URI"), false, false);
            return;
        }
        EndpointRequest endpointRequest = new EndpointRequest(method, path, rawQuery,
                new HeaderView(request.headers()), new ByteBufInputStream(request.content()), clientIp);
        boolean head = method.equals("HEAD");
        try {
            executor.execute(() -> {
                EndpointResponse response;
                try {
                    response = handler.handle(endpointRequest);
                } finally {
                    request.release();
                }
                respond(ctx, start, method, handler.route(path), response, keepAlive, head);
            });
        } catch (RejectedExecutionException e) { // shutting down
            request.release();
            ctx.close();
        }
    }

    /** What the codec or the header count refuses before the handler sees the request, or null. */
    private static EndpointResponse refusal(DecoderResult result, HttpHeaders headers) {
        if (result.isFailure()) {
            if (result.cause() instanceof TooLongFrameException) {
                return EndpointResponse.error(431, "headers_too_large", "the request line or headers are too large");
            }
            return EndpointResponse.error(400, "bad_request", "malformed HTTP request");
        }
        if (headers.size() > MAX_HEADERS) {
            return EndpointResponse.error(431, "headers_too_large", "more than " + MAX_HEADERS + " request headers");
        }
        return null;
    }

    private void respond(ChannelHandlerContext ctx, long start, String method, String route,
            EndpointResponse response, boolean keepAlive, boolean head) {
        int status = response.status();
        if (status == EndpointResponse.NO_RESPONSE) {
            ctx.close();
            completed(start, method, route, response, response.error());
            return;
        }
        byte[] body = response.body();
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                body == null || head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders headers = out.headers();
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue());
        }
        headers.set(HttpHeaderNames.DATE, HttpDate.now());
        if (body != null) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        } else if (status != 204 && status != 304) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(out).addListener((ChannelFutureListener) f -> {
            if (!keepAlive || !f.isSuccess()) {
                f.channel().close();
            } else {
                next(ctx);
            }
            String error = response.error();
            if (!f.isSuccess() && error == null) {
                error = "io_error";
            }
            completed(start, method, route, response, error);
        });
    }

    private void completed(long start, String method, String route, EndpointResponse response, String error) {
        RequestListener.RequestOutcome outcome = new RequestListener.RequestOutcome(clientIp, method, route,
                response.status(), System.nanoTime() - start, response.uid(), response.ttl(), error);
        for (RequestListener listener : listeners) {
            listener.completed(outcome);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (requestDeadline != null) {
            requestDeadline.cancel(false);
        }
        for (FullHttpRequest queued; (queued = pending.poll()) != null; ) {
            queued.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset connection or a failed TLS handshake: nothing to answer
    }

    /**
     * Netty's case-insensitive headers as the {@code Map<String, List<String>>} that {@link EndpointRequest} expects,
     * without copying them for the lookups the handler makes.
     */
    private static final class HeaderView extends AbstractMap<String, List<String>>
            implements EndpointRequest.SizedHeaders {
        private final HttpHeaders headers;

        HeaderView(HttpHeaders headers) {
            this.headers = headers;
        }

        @Override
        public List<String> get(Object key) {
            if (!(key instanceof String name)) {
                return null;
            }
            List<String> values = headers.getAll(name);
            return values.isEmpty() ? null : values;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && headers.contains(name);
        }

        @Override
        public int headerBytes() {
            int total = 0;
            for (Map.Entry<String, String> e : headers) {
                total += e.getKey().length() + e.getValue().length() + 4;
            }
            return total;
        }

        @Override
        public Set<Map.Entry<String, List<String>>> entrySet() {
            Map<String, List<String>> copy = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, String> e : headers) {
                copy.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue());
            }
            return copy.entrySet();
        }
    }
}
