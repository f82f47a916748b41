package dev.turnkit.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Sends an alert to a chat webhook when the watched server's status changes, and only then: OK → WARNING,
 * CRITICAL or UNKNOWN pages once, any change between those pages once more, and the return to OK sends one
 * recovery message. The watch starts from OK, so a server that is down when the watch starts alerts at once.
 *
 * <p>The body is {@code {"text": "..."}}: a Slack incoming webhook, a Mattermost or Rocket.Chat webhook, and a
 * Discord webhook with {@code /slack} appended to its URL all take it. Delivery runs on its own thread with
 * retries and exponential backoff (network errors, 429, 5xx; a 4xx other than 429 is not retried), so a slow or
 * failing receiver never delays the next check. Alert text is masked with {@link Secrets}; the URL, which carries
 * the webhook's token, is logged only as scheme and host.
 */
public final class WebhookAlerter implements CheckWatch.Listener, AutoCloseable {
    /** Delivery attempts per alert and the first retry delay (then doubled). */
    public record Retry(int attempts, Duration firstDelay) {
        public static final Retry DEFAULT = new Retry(6, Duration.ofSeconds(1));

        public Retry {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1");
            }
        }
    }

    private static final ObjectMapper JSON = dev.turnkit.model.Json.MAPPER;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private final URI url;
    private final String server;
    private final Secrets secrets;
    private final Retry retry;
    private final Consumer<String> log;
    private final HttpClient http;
    private final ExecutorService delivery;
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private Status notified = Status.OK;
    private Instant since = Instant.now();

    /**
     * @param url the webhook URL (http or https)
     * @param server the watched server, named in every message
     * @param secrets values to mask in the text
     * @param log where delivery problems are reported (one line each; stderr in the CLI)
     */
    public WebhookAlerter(URI url, String server, Secrets secrets, Retry retry, Consumer<String> log) {
        this.url = Objects.requireNonNull(url, "url");
        if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())
                || url.getHost() == null) {
            throw new IllegalArgumentException("alert webhook must be an http(s) URL, e.g. "
                    + "https://hooks.slack.com/services/…");
        }
        this.server = server;
        this.secrets = secrets;
        this.retry = retry;
        this.log = log;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "turnkit-alert");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onReport(CheckReport report, Instant finishedAt) {
        Status now = report.status();
        if (now == notified) {
            return;
        }
        String text = secrets.mask(text(report, notified, Duration.between(since, finishedAt)));
        notified = now;
        since = finishedAt;
        delivery.submit(() -> deliver(text));
    }

    /** The message: what the state is now, what it was, and the checks that are not OK. */
    String text(CheckReport report, Status previous, Duration previousFor) {
        if (report.status() == Status.OK) {
            return "[RECOVERED] turnkit check " + server + ": OK again after " + human(previousFor) + " " + previous
                    + " (" + report.results().size() + " checks in " + report.duration().toMillis() + " ms)";
        }
        List<CheckResult> bad = report.results().stream().filter(r -> r.status() != Status.OK).toList();
        return "[" + report.status() + "] turnkit check " + server + ": " + report.status() + " (was " + previous
                + "), " + bad.size() + " of " + report.results().size() + " checks not OK: "
                + bad.stream().map(r -> r.name() + "/" + r.transport() + " " + r.status() + ": " + r.detail())
                        .collect(Collectors.joining("; "));
    }

    private void deliver(String text) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("text", text));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Duration delay = retry.firstDelay();
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            String problem;
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.discarding());
                int code = r.statusCode();
                if (code / 100 == 2) {
                    delivered.incrementAndGet();
                    return;
                }
                problem = "HTTP " + code;
                if (code / 100 == 4 && code != 429) {
                    log.accept("alert to " + Secrets.maskUrl(url) + " refused (" + problem + "), not retried: check "
                            + "the webhook URL");
                    failed.incrementAndGet();
                    return;
                }
            } catch (IOException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.incrementAndGet();
                return;
            }
            if (attempt == retry.attempts()) {
                log.accept("alert to " + Secrets.maskUrl(url) + " failed after " + attempt + " attempts ("
                        + secrets.mask(problem) + "), dropped");
                failed.incrementAndGet();
                return;
            }
            log.accept("alert to " + Secrets.maskUrl(url) + " failed (" + secrets.mask(problem) + "), attempt "
                    + attempt + " of " + retry.attempts() + ", retrying in " + delay.toMillis() + " ms");
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.incrementAndGet();
                return;
            }
            delay = delay.multipliedBy(2);
        }
    }

    /** Alerts delivered (2xx) so far. */
    public int delivered() {
        return delivered.get();
    }

    /** Alerts given up on so far. */
    public int failed() {
        return failed.get();
    }

    /** Gives pending deliveries up to {@code grace} to finish, then abandons them. */
    public void close(Duration grace) {
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                delivery.shutdownNow();
                log.accept("alert delivery still pending at shutdown, abandoned");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }
}
