package dev.turnkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.ManagedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code check --watch} alerts against real coturn and a real HTTP receiver on loopback: exactly one alert per state
 * change, none while the state holds, retries past a failing receiver without delaying the next run.
 */
class WatchAlertsTest {
    static final String SECRET = "watch-alerts-secret";
    static final Duration INTERVAL = Duration.ofMillis(400);
    private Receiver receiver;
    private Thread watchThread;
    private CheckWatch watch;

    /** A webhook receiver: records bodies it accepted, answers 500 to the first {@code failFirst} posts. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger posts = new AtomicInteger();

        Receiver(int failFirst, Duration failDelay) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hooks/T0/B0/s3cr3t-token", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    int n = posts.incrementAndGet();
                    if (n <= failFirst) {
                        sleep(failDelay);
                        exchange.sendResponseHeaders(500, -1);
                    } else {
                        accepted.add(body);
                        exchange.sendResponseHeaders(200, -1);
                    }
                } finally {
                    exchange.close();
                }
            });
            server.setExecutor(null);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T0/B0/s3cr3t-token");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @AfterEach
    void stopWatch() throws InterruptedException {
        if (watch != null) {
            watch.stopAndWait(Duration.ofSeconds(10));
            watchThread.join(10_000);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private List<Instant> startWatch(TurnTarget target, WebhookAlerter alerter) {
        List<Instant> runs = Collections.synchronizedList(new ArrayList<>());
        watch = new CheckWatch(new CheckRunner(Duration.ofSeconds(2)),
                Checks.suite(target, List.of(Checks.STUN_BINDING, Checks.TURN_ALLOCATE), Set.of(Transport.UDP)),
                INTERVAL, List.of(alerter, (report, at) -> runs.add(at)));
        watchThread = new Thread(watch::run, "test-watch");
        watchThread.start();
        return runs;
    }

    @Test
    void oneCriticalAlertWhenCoturnStopsAndOneRecoveryWhenItIsBack() throws Exception {
        receiver = new Receiver(0, Duration.ZERO);
        CoturnServer.Builder builder = CoturnServer.builder().secret(SECRET);
        CoturnServer turn = builder.start();
        int port = turn.port();
        int tlsPort = turn.tlsPort();
        List<String> logged = new CopyOnWriteArrayList<>();
        WebhookAlerter alerter = new WebhookAlerter(receiver.url(), "turn.test",
                Secrets.of(List.of(SECRET, "/hooks/T0/B0/s3cr3t-token")),
                new WebhookAlerter.Retry(3, Duration.ofMillis(100)), logged::add);
        TurnTarget target = TurnTarget.of("127.0.0.1").withPort(port)
                .withCredentials(CredentialSource.restSecret(SECRET.getBytes(StandardCharsets.UTF_8)));
        try {
            List<Instant> runs = startWatch(target, alerter);
            awaitTrue(() -> runs.size() >= 3, "3 healthy runs");
            assertThat(receiver.posts.get()).as("no alert while OK from the start").isZero();

            turn.close();
            awaitTrue(() -> receiver.accepted.size() >= 1, "the CRITICAL alert");
            int runsAtAlert = runs.size();
            awaitTrue(() -> runs.size() >= runsAtAlert + 4, "4 more CRITICAL runs");
            assertThat(receiver.accepted).as("exactly one alert while the state holds").hasSize(1);
            assertThat(receiver.accepted.get(0)).startsWith("{\"text\":\"[CRITICAL] turnkit check turn.test: "
                    + "CRITICAL (was OK)").contains("stun-binding/udp CRITICAL").doesNotContain(SECRET);

            turn = builder.ports(port, tlsPort).start();
            awaitTrue(() -> receiver.accepted.size() >= 2, "the recovery alert");
            int runsAtRecovery = runs.size();
            awaitTrue(() -> runs.size() >= runsAtRecovery + 4, "4 more healthy runs");
            assertThat(receiver.accepted).as("exactly one recovery, then silence").hasSize(2);
            assertThat(receiver.accepted.get(1)).startsWith("{\"text\":\"[RECOVERED] turnkit check turn.test: OK "
                    + "again after");
            assertThat(receiver.posts.get()).isEqualTo(2);
            assertThat(logged).isEmpty();
        } finally {
            turn.close();
            alerter.close();
        }
    }

    @Test
    void aReceiverFailingTwiceGetsTheAlertOnceAfterRetriesAndNoRunIsDelayed() throws Exception {
        // each failure takes 1 s to come back: a watch that waited for delivery would lose runs
        receiver = new Receiver(2, Duration.ofSeconds(1));
        List<String> logged = new CopyOnWriteArrayList<>();
        WebhookAlerter alerter = new WebhookAlerter(receiver.url(), "down.test",
                Secrets.of(List.of("/hooks/T0/B0/s3cr3t-token")), new WebhookAlerter.Retry(4, Duration.ofMillis(200)),
                logged::add);
        int closedPort = ManagedProcess.freePort();
        TurnTarget target = TurnTarget.of("127.0.0.1").withPort(closedPort)
                .withCredentials(CredentialSource.restSecret(SECRET.getBytes(StandardCharsets.UTF_8)));
        try {
            List<Instant> runs = startWatch(target, alerter);
            awaitTrue(() -> receiver.accepted.size() >= 1, "the alert, after two 500s");
            int runsAtDelivery = runs.size();
            awaitTrue(() -> runs.size() >= runsAtDelivery + 3, "3 more runs");

            assertThat(receiver.posts.get()).as("two 500s, then the accepted retry").isEqualTo(3);
            assertThat(receiver.accepted).hasSize(1);
            assertThat(receiver.accepted.get(0)).contains("[CRITICAL] turnkit check down.test");
            assertThat(runsAtDelivery).as("runs went on while the receiver failed (2 × 1 s + backoff)")
                    .isGreaterThanOrEqualTo(5);
            List<Instant> snapshot = List.copyOf(runs);
            for (int i = 1; i < snapshot.size(); i++) {
                assertThat(Duration.between(snapshot.get(i - 1), snapshot.get(i)))
                        .as("run %d came on schedule (interval %s), not after a delivery", i, INTERVAL)
                        .isLessThan(INTERVAL.plusMillis(700));
            }
            assertThat(logged).as("the retries are logged with the URL masked").hasSize(2)
                    .allSatisfy(l -> assertThat(l).contains("HTTP 500", "retrying", "http://127.0.0.1:")
                            .doesNotContain("s3cr3t-token"));
        } finally {
            alerter.close();
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
