package dev.turnkit.cli;

import dev.turnkit.check.CredentialSource;
import dev.turnkit.load.LoadGenerator;
import dev.turnkit.load.LoadOptions;
import dev.turnkit.load.LoadReport;
import dev.turnkit.transport.TlsOptions;
import dev.turnkit.transport.TransportType;
import java.io.PrintWriter;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code turnkit load}: concurrent calls relayed through a TURN server, with RTT, jitter, loss and failures. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Concurrent calls through a TURN server: each a pair of allocations that bind channels to "
                + "each other and relay audio-sized packets both ways (the caller sends, the callee echoes).",
            "Reports RTT p50/p95/p99, jitter, loss, failed allocations and bytes relayed; exit 2 when loss or "
                + "failures pass the thresholds. Over udp, tcp or tls to the server (relay leg UDP)."})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--server", required = true, paramLabel = "HOST", description = "TURN server host name or IP.")
    String server;

    @Option(names = "--port", defaultValue = "3478", paramLabel = "PORT", description = "TURN port for udp and tcp (default: 3478).")
    int port;

    @Option(names = "--secret-file", required = true, paramLabel = "FILE",
            description = "File holding coturn's static-auth-secret.")
    Path secretFile;

    @Option(names = "--calls", defaultValue = "10", paramLabel = "N", description = "Concurrent calls (default: 10).")
    int calls;

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION",
            converter = Durations.Converter.class, description = "Media time (default: 60s).")
    Duration duration;

    @Option(names = "--rate", defaultValue = "50", paramLabel = "PPS",
            description = "Packets per second per call and direction (default: 50, one per 20 ms).")
    int rate;

    @Option(names = "--payload", defaultValue = "160", paramLabel = "BYTES",
            description = "Bytes per packet (default: 160, 20 ms of G.711).")
    int payload;

    @Option(names = "--ramp-up", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Time over which the calls are set up (default: a tenth of --duration, at most 10s).")
    Duration rampUp;

    @Option(names = "--transport", split = ",", defaultValue = "udp", paramLabel = "LIST",
            converter = TransportConverter.class,
            description = "Client leg to the server: udp, tcp, tls, or a list (e.g. udp,tcp,tls: one run per "
                    + "transport, one after the other, results per transport). The relay leg is UDP. Default: udp.")
    List<TransportType> transports;

    @Option(names = "--tls-port", defaultValue = "5349", paramLabel = "PORT",
            description = "TURN-over-TLS port (default: ${DEFAULT-VALUE}).")
    int tlsPort;

    @Mixin
    TlsTrustOptions tlsTrust;

    @Option(names = "--max-loss", defaultValue = "0.01", paramLabel = "RATIO",
            description = "Exit 2 when the round-trip loss is above this (default: 0.01 = 1 %%).")
    double maxLoss;

    @Option(names = "--max-failed", defaultValue = "0", paramLabel = "N",
            description = "Exit 2 when more allocations than this fail (default: 0).")
    int maxFailed;

    static final class TransportConverter implements picocli.CommandLine.ITypeConverter<TransportType> {
        @Override
        public TransportType convert(String value) {
            return TransportType.parse(value);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Duration ramp = rampUp != null ? rampUp : duration.dividedBy(10).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10) : duration.dividedBy(10);
        List<LoadOptions> runs = new ArrayList<>();
        try {
            TlsOptions tls = TlsOptions.verifying(tlsTrust.serverNameOr(server)).withCaFile(tlsTrust.caFile);
            for (TransportType t : new LinkedHashSet<>(transports)) {
                runs.add(new LoadOptions(t, server, t == TransportType.TLS ? tlsPort : port,
                        t == TransportType.TLS ? tls : null, calls, duration, rate, payload, ramp));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage());
        }
        tlsTrust.validate();
        byte[] secret = OptionFiles.secret(secretFile, "--secret-file");
        PrintWriter err = spec.commandLine().getErr();
        List<LoadReport> reports = new ArrayList<>();
        for (LoadOptions options : runs) {
            try {
                reports.add(new LoadGenerator(options, CredentialSource.restSecret(secret), line -> {
                    err.println(line);
                    err.flush();
                }).run());
            } catch (UnknownHostException e) {
                throw new CommandFailedException(ExitCode.CRITICAL, "cannot resolve " + server);
            }
        }
        boolean over = reports.stream().anyMatch(r -> r.loss() > maxLoss || r.allocationsFailed() > maxFailed);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            try {
                out.println(dev.turnkit.model.Json.MAPPER.writeValueAsString(document(reports, over)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            for (LoadReport r : reports) {
                String t = r.transport().id();
                out.printf(Locale.ROOT, "%s: %d/%d calls up, %d allocations failed%s%n", t, r.callsUp(), r.calls(),
                        r.allocationsFailed(), r.failures().isEmpty() ? "" : " " + r.failures());
                out.printf(Locale.ROOT, "%s: sent %d, received by callees %d, echoed %d, back at callers %d, loss "
                        + "%.3f%%, %d bytes relayed in %.1f s%n", t, r.sent(), r.receivedByPeer(), r.echoed(),
                        r.receivedBack(), 100 * r.loss(), r.bytesRelayed(), r.seconds());
                out.printf(Locale.ROOT, "%s: RTT p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, jitter %.3f ms%n", t,
                        r.rttP50Ms(), r.rttP95Ms(), r.rttP99Ms(), r.jitterMs());
            }
            out.println(over ? "CRITICAL: over --max-loss " + maxLoss + " or --max-failed " + maxFailed : "OK");
        }
        out.flush();
        return over ? ExitCode.CRITICAL.code() : ExitCode.OK.code();
    }

    private static Map<String, Object> document(List<LoadReport> reports, boolean over) {
        Map<String, Object> transports = new LinkedHashMap<>();
        for (LoadReport r : reports) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("calls", r.calls());
            t.put("callsUp", r.callsUp());
            t.put("allocationsFailed", r.allocationsFailed());
            t.put("failures", r.failures());
            t.put("sent", r.sent());
            t.put("receivedByPeer", r.receivedByPeer());
            t.put("echoed", r.echoed());
            t.put("receivedBack", r.receivedBack());
            t.put("loss", r.loss());
            t.put("bytesRelayed", r.bytesRelayed());
            t.put("rttP50Ms", r.rttP50Ms());
            t.put("rttP95Ms", r.rttP95Ms());
            t.put("rttP99Ms", r.rttP99Ms());
            t.put("jitterMs", r.jitterMs());
            t.put("seconds", r.seconds());
            transports.put(r.transport().id(), t);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", over ? "CRITICAL" : "OK");
        doc.put("transports", transports);
        return doc;
    }
}
