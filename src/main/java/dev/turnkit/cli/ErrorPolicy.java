package dev.turnkit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The single error policy of the CLI: every failure becomes one line on stderr ("turnkit: ...") and a documented
 * exit code. Stack traces only with {@code -v}.
 */
final class ErrorPolicy implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("turnkit: " + ex.getMessage());
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.UNKNOWN.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        ExitCode code = classify(ex);
        err.println("turnkit: " + describe(ex));
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code.code();
    }

    /**
     * A {@link CommandFailedException} carries its own code (a command knows when the remote refused: CRITICAL);
     * every other exception that reaches the policy is UNKNOWN: invalid configuration or input
     * ({@code ConfigException}, {@code IllegalArgumentException}), a local I/O failure, or a bug.
     */
    static ExitCode classify(Throwable ex) {
        return ex instanceof CommandFailedException failed ? failed.exitCode() : ExitCode.UNKNOWN;
    }

    static String describe(Throwable ex) {
        if (ex instanceof CommandFailedException || ex instanceof dev.turnkit.model.ConfigException) {
            return ex.getMessage();
        }
        StringBuilder sb = new StringBuilder();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (sb.indexOf(msg) >= 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(": ");
            }
            sb.append(msg);
        }
        return sb.toString();
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption("-v")) {
                return true;
            }
        }
        return false;
    }
}
