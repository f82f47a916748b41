package dev.turnkit.cli;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckResult;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.CheckWatch;
import dev.turnkit.check.Secrets;
import dev.turnkit.check.Status;
import dev.turnkit.check.WebhookAlerter;
import dev.turnkit.metrics.CheckMetrics;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code turnkit check --watch}: the suite on an interval in this one process, a line per run on stdout (a JSON
 * document per line with {@code --json}), alerts on state changes, the Prometheus textfile after each run. SIGTERM
 * (a shutdown hook) stops it between runs.
 */
final class CheckWatchRunner {
    /** Time pending alerts get at shutdown. */
    private static final Duration ALERT_GRACE = Duration.ofSeconds(3);

    private CheckWatchRunner() {
    }

    static int run(String server, CheckRunner runner, List<dev.turnkit.check.Check> suite, Duration interval,
            boolean json, URI webhook, Secrets secrets, Path prometheus, PrintWriter out, PrintWriter err) {
        List<CheckWatch.Listener> listeners = new ArrayList<>();
        listeners.add((report, at) -> {
            synchronized (out) {
                out.println(json ? jsonLine(report, at) : line(report, at));
                out.flush();
            }
        });
        WebhookAlerter alerter = null;
        if (webhook != null) {
            alerter = new WebhookAlerter(webhook, server, secrets, WebhookAlerter.Retry.DEFAULT, msg -> log(err, msg));
            listeners.add(alerter);
        }
        if (prometheus != null) {
            listeners.add(new CheckMetrics(server, prometheus, msg -> log(err, msg)));
        }
        CheckWatch watch = new CheckWatch(runner, suite, interval, listeners);
        WebhookAlerter alerts = alerter;
        Thread hook = new Thread(() -> {
            try {
                if (!watch.stopAndWait(runner.timeout().plusSeconds(5))) {
                    log(err, "a run was still in progress at shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (alerts != null) {
                alerts.close(ALERT_GRACE);
            }
            log(err, "watch stopped after " + watch.runs() + " runs");
        }, "turnkit-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        log(err, "watching " + server + " every " + interval.toMillis() / 1000.0 + " s"
                + (webhook == null ? "" : ", alerts to " + Secrets.maskUrl(webhook))
                + (prometheus == null ? "" : ", metrics in " + prometheus));
        watch.run();
        return ExitCode.OK.code();
    }

    /** {@code 2026-11-30T19:00:00Z CRITICAL 9 checks in 120 ms: turn-allocate/udp CRITICAL …; …}. */
    static String line(CheckReport report, Instant at) {
        String head = at.truncatedTo(ChronoUnit.SECONDS) + " " + report.status() + " " + report.results().size()
                + " checks in " + report.duration().toMillis() + " ms";
        List<CheckResult> bad = report.results().stream().filter(r -> r.status() != Status.OK).toList();
        if (bad.isEmpty()) {
            return head;
        }
        return head + ": " + bad.stream().map(r -> r.name() + "/" + r.transport() + " " + r.status() + " "
                + r.detail()).collect(Collectors.joining("; "));
    }

    private static String jsonLine(CheckReport report, Instant at) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("time", at.toString());
        doc.putAll(CheckPrinter.document(report));
        try {
            return dev.turnkit.model.Json.MAPPER.writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(PrintWriter err, String message) {
        synchronized (err) {
            err.println("turnkit check: " + message);
            err.flush();
        }
    }
}
