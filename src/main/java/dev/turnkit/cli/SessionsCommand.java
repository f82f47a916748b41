package dev.turnkit.cli;

import dev.turnkit.rules.FirestoreEmulator;
import dev.turnkit.rules.SessionPruner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code turnkit sessions}: maintain signaling sessions in Firestore. */
@Command(name = "sessions", mixinStandardHelpOptions = true, description = "Maintain signaling sessions in Firestore.",
        subcommands = SessionsCommand.Prune.class)
final class SessionsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: prune");
    }

    /** {@code turnkit sessions prune}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Delete webrtc_sessions created before --older-than (or already expired) with their"
                    + " ice_candidates, and candidates left without a session: what the TTL policy has not removed"
                    + " yet (TTL lags up to a day and skips subcollections).",
                "Needs --project (Application Default Credentials or --credentials) or --emulator."})
    static final class Prune implements Callable<Integer> {
        private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");

        @Spec
        CommandSpec spec;

        @Mixin
        OutputOptions output;

        @Option(names = "--older-than", required = true, paramLabel = "AGE",
                description = "Minimum age, e.g. 90s, 30m, 1h, 2d.")
        String olderThan;

        @Option(names = "--dry-run", description = "Delete nothing; count what would be deleted.")
        boolean dryRun;

        @Option(names = "--project", description = "Project ID (with --emulator default: "
                + FirestoreEmulator.DEFAULT_PROJECT + ").")
        String project;

        @Option(names = "--database", description = "Named Firestore database (default: (default)).")
        String database;

        @Option(names = "--emulator", paramLabel = "HOST:PORT", description = "Prune on this Firestore emulator.")
        String emulator;

        @Option(names = "--credentials", paramLabel = "FILE",
                description = "Service-account JSON key (default: Application Default Credentials).")
        Path credentials;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Duration age = parseAge(olderThan);
            if (emulator == null && project == null) {
                throw new ParameterException(spec.commandLine(), "pass --project P (or --emulator HOST:PORT)");
            }
            String projectId = project != null ? project : FirestoreEmulator.DEFAULT_PROJECT;
            return RulesCliSupport.guarded(err, () -> {
                try (SessionPruner pruner = emulator != null
                        ? SessionPruner.forEmulator(FirestoreEmulator.attach(emulator, projectId).hostPort(),
                                projectId, err::println)
                        : SessionPruner.forProject(project, database, credentials, err::println)) {
                    SessionPruner.Report report = pruner.prune(age, Instant.now(), dryRun);
                    if (output.json()) {
                        Map<String, Object> json = new LinkedHashMap<>();
                        json.put("cutoff", report.cutoff().toString());
                        json.put("dryRun", report.dryRun());
                        json.put("sessions", report.sessions());
                        json.put("candidates", report.candidates());
                        RulesCliSupport.printJson(out, json);
                    } else {
                        out.printf("%s %d sessions and %d candidates created before %s%n",
                                dryRun ? "would delete" : "deleted", report.sessions(), report.candidates(),
                                report.cutoff());
                    }
                    return ExitCode.OK.code();
                }
            });
        }

        private Duration parseAge(String text) {
            Matcher m = DURATION.matcher(text.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new ParameterException(spec.commandLine(), "--older-than must be a positive age like 90s,"
                        + " 30m, 1h or 2d, got '" + text + "'");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
    }
}
