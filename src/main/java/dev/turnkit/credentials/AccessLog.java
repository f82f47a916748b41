package dev.turnkit.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.model.Json;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Structured log of the credentials service: one JSON object per line (requests and service events). By
 * construction it receives no token, password, secret, TURN username or query string: callers pass only the
 * fields below.
 */
public final class AccessLog implements RequestListener {
    private static final ObjectMapper JSON = Json.MAPPER;
    private final Consumer<String> sink;
    private final Runnable flush;

    /** @param sink receives whole lines (without the newline); e.g. {@code System.err::println} */
    public AccessLog(Consumer<String> sink) {
        this(sink, () -> { });
    }

    private AccessLog(Consumer<String> sink, Runnable flush) {
        this.sink = sink;
        this.flush = flush;
    }

    /** Writes out what is buffered ({@link #stderr()}); the server calls it last when it closes. */
    public void flush() {
        flush.run();
    }

    /**
     * Logs to standard error through a 64 KiB buffer flushed at least every 200 ms (and when full), so a busy
     * endpoint does not pay a write system call per request; {@link CredentialsServer#close()} flushes the rest.
     */
    public static AccessLog stderr() {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16),
                false, StandardCharsets.UTF_8);
        Thread flusher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (out) {
                    out.flush();
                }
            }
        }, "access-log-flush");
        flusher.setDaemon(true);
        flusher.start();
        return new AccessLog(line -> {
            synchronized (out) {
                out.println(line);
            }
        }, () -> {
            synchronized (out) {
                out.flush();
            }
        });
    }

    /** One line per request: written by hand (no map, no serializer) since it runs for every request. */
    @Override
    public void completed(RequestOutcome o) {
        StringBuilder sb = IsoInstant.append(new StringBuilder(256).append("{\"ts\":\""), Instant.now())
                .append("\",\"event\":\"request\",\"ip\":")
                .append(JsonText.quote(o.clientIp())).append(",\"method\":").append(JsonText.quote(o.method()))
                .append(",\"path\":").append(JsonText.quote(o.route())).append(",\"status\":").append(o.status())
                .append(",\"ms\":").append(Math.round(o.nanos() / 10_000.0) / 100.0);
        String uid = o.uid();
        Long ttl = o.ttl();
        String error = o.error();
        if (uid != null) {
            sb.append(",\"uid\":").append(JsonText.quote(uid));
        }
        if (ttl != null) {
            sb.append(",\"ttl\":").append(ttl);
        }
        if (error != null) {
            sb.append(",\"error\":").append(JsonText.quote(error));
        }
        sink.accept(sb.append('}').toString());
    }

    void event(String level, String event, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ts", Instant.now().toString());
        m.put("level", level);
        m.put("event", event);
        m.put("msg", message);
        write(m);
    }

    private void write(Map<String, Object> m) {
        try {
            sink.accept(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
