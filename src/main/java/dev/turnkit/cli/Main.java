package dev.turnkit.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code turnkit}. Only {@link #main} calls {@code System.exit}; tests call {@link #run}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("check")) {
            dev.turnkit.check.Checks.warmUpTls(); // overlaps the first TLS handshake's JDK set-up with parsing
        }
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs the CLI with the given streams and returns the exit code (see {@link ExitCode}). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cmd = commandLine(args);
        cmd.setOut(out);
        cmd.setErr(err);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The full command tree (every subcommand). */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command tree for {@code args}: when the first argument names a subcommand only that one is registered,
     * otherwise (help, version, a typo) all of them, so usage and error messages list everything.
     */
    static CommandLine commandLine(String[] args) {
        ErrorPolicy policy = new ErrorPolicy();
        CommandLine cmd = new CommandLine(new TurnkitCommand());
        String first = args.length == 0 ? null : args[0];
        boolean one = first != null && TurnkitCommand.SUBCOMMANDS.containsKey(first);
        TurnkitCommand.SUBCOMMANDS.forEach((name, type) -> {
            if (!one || name.equals(first)) {
                cmd.addSubcommand(name, type);
            }
        });
        cmd.setExecutionExceptionHandler(policy);
        cmd.setParameterExceptionHandler(policy);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpLongOptionsMaxWidth(30);
        applyExitCodeList(cmd);
        return cmd;
    }

    private static void applyExitCodeList(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.HELP_LIST);
        for (CommandLine sub : cmd.getSubcommands().values()) {
            applyExitCodeList(sub);
        }
    }
}
