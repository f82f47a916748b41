package dev.turnkit.metrics;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckResult;
import dev.turnkit.check.CheckWatch;
import dev.turnkit.check.Status;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The results of {@code turnkit check} as Prometheus gauges, written as a node_exporter textfile after each run
 * (atomic rename). Series, labelled {@code server}, {@code check}, {@code transport}:
 *
 * <ul>
 *   <li>{@code turnkit_check_status}: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (the exit-code scale);</li>
 *   <li>{@code turnkit_check_failing_runs}: consecutive runs CRITICAL or UNKNOWN, in this process (0 when not);</li>
 *   <li>{@code turnkit_check_duration_seconds};</li>
 *   <li>{@code turnkit_check_rtt_p50_seconds}, {@code turnkit_check_rtt_p95_seconds},
 *       {@code turnkit_check_loss_ratio}: relay-echo;</li>
 *   <li>{@code turnkit_check_certificate_expiry_timestamp_seconds}: tls-certificate, the earliest expiry in the
 *       chain (Unix time; days left = {@code (value - time()) / 86400}, the blackbox exporter's convention);</li>
 * </ul>
 * and per server {@code turnkit_check_run_status} (the worst) and {@code turnkit_check_last_run_timestamp_seconds}.
 */
public final class CheckMetrics implements CheckWatch.Listener {
    private final String server;
    private final Path textfile;
    private final Consumer<String> log;
    private final Map<String, Integer> failingRuns = new HashMap<>();

    /**
     * @param server the server label
     * @param textfile where to write, e.g. {@code /var/lib/prometheus/node-exporter/turnkit.prom}
     * @param log where a failed write is reported (the watch goes on)
     */
    public CheckMetrics(String server, Path textfile, Consumer<String> log) {
        this.server = server;
        this.textfile = textfile;
        this.log = log;
    }

    @Override
    public void onReport(CheckReport report, Instant finishedAt) {
        try {
            write(report, finishedAt);
        } catch (IOException e) {
            log.accept("cannot write --prometheus " + textfile + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage());
        }
    }

    /** Counts {@code report} in the consecutive-failure series and writes the textfile for it. */
    public void write(CheckReport report, Instant finishedAt) throws IOException {
        for (CheckResult r : report.results()) {
            String key = r.name() + "/" + r.transport();
            if (r.status() == Status.CRITICAL || r.status() == Status.UNKNOWN) {
                failingRuns.merge(key, 1, Integer::sum);
            } else {
                failingRuns.remove(key);
            }
        }
        TextFormat.writeAtomically(textfile, TextFormat.bytes(snapshots(report, finishedAt)));
    }

    /** The text-format document for {@code report} with the failure counts so far (what {@link #write} wrote). */
    public String text(CheckReport report, Instant finishedAt) {
        return new String(TextFormat.bytes(snapshots(report, finishedAt)), java.nio.charset.StandardCharsets.UTF_8);
    }

    MetricSnapshots snapshots(CheckReport report, Instant finishedAt) {
        Map<String, Gauge> gauges = new LinkedHashMap<>();
        Gauge status = gauge(gauges, "turnkit_check_status",
                "Check status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (the exit-code scale)");
        Gauge failing = gauge(gauges, "turnkit_check_failing_runs",
                "Consecutive runs in which the check was CRITICAL or UNKNOWN");
        Gauge duration = gauge(gauges, "turnkit_check_duration_seconds", "Time the check took");
        Gauge p50 = gauge(gauges, "turnkit_check_rtt_p50_seconds", "Median round-trip time through the relay");
        Gauge p95 = gauge(gauges, "turnkit_check_rtt_p95_seconds", "95th percentile round-trip time through the relay");
        Gauge loss = gauge(gauges, "turnkit_check_loss_ratio", "Relayed packets lost, 0 to 1");
        Gauge certExpiry = gauge(gauges, "turnkit_check_certificate_expiry_timestamp_seconds",
                "Earliest expiry in the TLS chain, Unix time");
        for (CheckResult r : report.results()) {
            Labels labels = Labels.of("server", server, "check", r.name(), "transport", r.transport());
            status.add(labels, nagios(r.status()));
            failing.add(labels, failingRuns.getOrDefault(r.name() + "/" + r.transport(), 0));
            duration.add(labels, r.duration().toNanos() / 1e9);
            Map<String, Double> m = r.measurements();
            addIfPresent(p50, labels, m.get(CheckResult.RTT_P50_MS), 1e-3);
            addIfPresent(p95, labels, m.get(CheckResult.RTT_P95_MS), 1e-3);
            addIfPresent(loss, labels, m.get(CheckResult.LOSS_RATIO), 1);
            addIfPresent(certExpiry, labels, m.get(CheckResult.CERT_EXPIRY_EPOCH_SECONDS), 1);
        }
        Labels serverLabel = Labels.of("server", server);
        gauge(gauges, "turnkit_check_run_status", "Worst status of the run: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN")
                .add(serverLabel, nagios(report.status()));
        gauge(gauges, "turnkit_check_last_run_timestamp_seconds", "When the last run finished (Unix time)")
                .add(serverLabel, finishedAt.toEpochMilli() / 1000.0);
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        gauges.values().stream().filter(g -> !g.points.isEmpty()).forEach(g -> out.metricSnapshot(g.build()));
        return out.build();
    }

    /** The Nagios plugin scale the series use (the same numbers as turnkit's exit codes). */
    static int nagios(Status s) {
        return switch (s) {
            case OK -> 0;
            case WARNING -> 1;
            case CRITICAL -> 2;
            case UNKNOWN -> 3;
        };
    }

    private static void addIfPresent(Gauge g, Labels labels, Double value, double scale) {
        if (value != null) {
            g.add(labels, value * scale);
        }
    }

    private static Gauge gauge(Map<String, Gauge> gauges, String name, String help) {
        return gauges.computeIfAbsent(name, n -> new Gauge(n, help));
    }

    private static final class Gauge {
        final String name;
        final String help;
        final List<GaugeDataPointSnapshot> points = new ArrayList<>();

        Gauge(String name, String help) {
            this.name = name;
            this.help = help;
        }

        void add(Labels labels, double value) {
            points.add(GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        GaugeSnapshot build() {
            GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
            points.forEach(b::dataPoint);
            return b.build();
        }
    }
}
