package dev.turnkit.cli;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.Transport;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code turnkit check}: STUN/TURN health and security checks against a TURN server. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"STUN/TURN health and security checks against a TURN server, run concurrently.",
            "Checks: " + "stun-binding, turn-allocate, relay-echo, auth-required, peer-deny-sweep, tls-certificate.",
            "Exit code = worst status. Details say what failed and the likely cause; secrets are never printed."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--server", paramLabel = "HOST",
            description = "TURN server host name or IP (required unless --stack names it, or only --oci-egress is "
                    + "checked).")
    String server;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Check the host of a stack: the server is its turnkit:domain and the ports its listening "
                    + "ports (<stacks-dir>/Pulumi.<NAME>.yaml); --server, --port and --tls-port override.")
    String stack;

    @Mixin
    StacksDirOption stacksDirOption;

    @Mixin
    OciEgressOptions ociEgress;

    @Option(names = "--port", defaultValue = "3478", paramLabel = "PORT",
            description = "TURN port for udp and tcp (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--tls-port", defaultValue = "5349", paramLabel = "PORT",
            description = "TURN-over-TLS port (default: ${DEFAULT-VALUE}).")
    int tlsPort;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    CheckCredentialOptions credentials;

    @Option(names = "--checks", split = ",", paramLabel = "LIST",
            description = "Checks to run (default: all): stun-binding, turn-allocate, relay-echo, auth-required, "
                    + "peer-deny-sweep, tls-certificate.")
    List<String> checks = new ArrayList<>(Checks.ALL);

    @Option(names = "--transports", split = ",", paramLabel = "LIST", converter = TransportConverter.class,
            description = "Transports to use (default: udp,tcp,tls).")
    List<Transport> transports = new ArrayList<>(List.of(Transport.values()));

    @Mixin
    TlsTrustOptions tlsTrust;

    @Option(names = "--timeout", defaultValue = "2s", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Deadline for the whole run, e.g. 2s, 1500ms, 1m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--watch", paramLabel = "INTERVAL", converter = Durations.Converter.class,
            description = "Run the checks every INTERVAL (e.g. 30s) in this one process, a line per run, until "
                    + "SIGTERM; alert on state changes with --alert-webhook.")
    Duration watch;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Webhook webhook;

    static final class Webhook {
        @Option(names = "--alert-webhook", paramLabel = "URL",
                description = "With --watch: POST {\"text\": ...} here when the status changes (Slack, Mattermost; "
                        + "Discord: append /slack). Prefer --alert-webhook-file: the URL carries a token.")
        URI url;

        @Option(names = "--alert-webhook-file", paramLabel = "FILE",
                description = "File holding the --alert-webhook URL.")
        Path file;
    }

    @Option(names = "--prometheus", paramLabel = "FILE",
            description = "Write the results to FILE in the Prometheus text format after each run, for "
                    + "node_exporter's textfile collector (e.g. /var/lib/prometheus/node-exporter/turnkit.prom).")
    Path prometheus;

    static final class TransportConverter implements picocli.CommandLine.ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            return Transport.parse(value);
        }
    }

    @Override
    public Integer call() {
        applyStack();
        ociEgress.validate();
        if (server == null && !ociEgress.requested()) {
            throw new CommandFailedException(ExitCode.UNKNOWN,
                    "Missing required option: '--server=HOST' (or --oci-egress VNIC_OCID alone)");
        }
        if (watch != null || webhook != null) {
            if (server == null) {
                throw new CommandFailedException(ExitCode.UNKNOWN, "--watch and --alert-webhook need --server HOST");
            }
            Prepared prepared = prepare();
            return watch(prepared.target(), prepared.suite());
        }
        CheckReport report = ociEgress.addTo(server == null ? new CheckReport(dev.turnkit.check.Status.OK,
                Duration.ZERO, List.of()) : runChecks());
        writeMetrics(report);
        CheckPrinter printer = new CheckPrinter(spec.commandLine().getOut());
        if (output.json()) {
            printer.json(report);
        } else {
            printer.table(server == null ? "oci" : server, report);
        }
        return ExitCode.of(report.status()).code();
    }

    /** With --stack, the server and ports the stack deploys, unless given on the command line. */
    private void applyStack() {
        if (stack == null) {
            return;
        }
        StackConfig config = StackFiles.load(stacksDirOption.dir, stack);
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (server == null) {
            server = config.domain();
        }
        if (!parsed.hasMatchedOption("--port")) {
            port = config.ports().listening();
        }
        if (!parsed.hasMatchedOption("--tls-port")) {
            tlsPort = config.ports().tls();
        }
    }

    /** The target and the suite the options name; bad options end with exit 3. */
    private record Prepared(TurnTarget target, List<dev.turnkit.check.Check> suite) {
    }

    private Prepared prepare() {
        TurnTarget target;
        List<dev.turnkit.check.Check> suite;
        try {
            target = TurnTarget.of(server).withPort(port).withTlsPort(tlsPort)
                    .withTlsServerName(tlsTrust.serverName).withCaFile(tlsTrust.caFile)
                    .withCredentials(credentials == null ? null : credentials.source(timeout, tlsTrust.caFile));
            Set<Transport> selected = EnumSet.copyOf(transports);
            suite = Checks.suite(target, List.copyOf(checks), selected);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage());
        }
        tlsTrust.validate();
        return new Prepared(target, suite);
    }

    private CheckReport runChecks() {
        return new CheckRunner(timeout).run(prepare().suite());
    }

    private int watch(TurnTarget target, List<dev.turnkit.check.Check> suite) {
        if (watch == null) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "--alert-webhook needs --watch INTERVAL: alerts are "
                    + "sent on a change of state between runs");
        }
        if (watch.compareTo(timeout) < 0) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "--watch " + watch.toMillis() + " ms is shorter than "
                    + "--timeout " + timeout.toMillis() + " ms: runs would overlap; raise --watch or lower --timeout");
        }
        URI url = webhook == null ? null : webhook.url != null ? webhook.url
                : URI.create(OptionFiles.read(webhook.file, "--alert-webhook-file", "put the webhook URL in it"));
        List<String> secrets = credentials == null ? new ArrayList<>() : credentials.secrets();
        if (url != null) {
            secrets.add(url.getRawPath());
            secrets.add(url.getRawQuery());
        }
        try {
            return CheckWatchRunner.run(target.host(), new CheckRunner(timeout), suite, watch, output.json(), url,
                    dev.turnkit.check.Secrets.of(secrets), prometheus, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, e.getMessage());
        }
    }

    private void writeMetrics(CheckReport report) {
        if (prometheus == null) {
            return;
        }
        try {
            new dev.turnkit.metrics.CheckMetrics(server == null ? "oci" : server, prometheus, m -> { }).write(report, java.time.Instant.now());
        } catch (IOException e) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "cannot write --prometheus " + prometheus + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage());
        }
    }
}
