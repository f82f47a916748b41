package dev.turnkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnkit.local.LocalOptions;
import dev.turnkit.local.LocalStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code turnkit local up}: starts the local stack, checks it, and keeps it up until Ctrl-C (or detaches). */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
            "Start the whole stack on loopback with real parts: coturn (rendered from the production template's "
                    + "local profile, self-signed TLS), the Firestore emulator with firestore.rules (when "
                    + "installed), the Auth emulator, the credentials endpoint and the sample call app.",
            "Prints the endpoints, a sample credential and how to point an app at it, runs 'turnkit check' "
                    + "against it, then stays up until Ctrl-C; with --detach it returns and "
                    + "'turnkit local down' stops it."})
final class LocalUpCommand implements Callable<Integer> {
    @Mixin
    StateDirOption state;

    @Option(names = "--detach", description = "Leave the stack running in the background and return.")
    boolean detach;

    @Mixin
    OutputOptions output;

    @Option(names = "--ports", defaultValue = "standard", paramLabel = "standard|auto",
            description = "standard: 3478/5349 TURN, 9099 Auth, 8080 Firestore, 8088 credentials, 8089 app "
                    + "(default); auto: any free loopback ports.")
    String ports;

    @Option(names = "--project-id", defaultValue = LocalOptions.DEFAULT_PROJECT,
            description = "Firebase demo project id (must start with 'demo-'; default: ${DEFAULT-VALUE}).")
    String projectId;

    @Option(names = "--firestore", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "Start the Firestore emulator: auto = when installed (default).")
    LocalOptions.Toggle firestore;

    @Option(names = "--auth", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "Start the Auth emulator and the credentials endpoint: auto = when e2e/node_modules has "
                    + "firebase-tools (default).")
    LocalOptions.Toggle auth;

    @Option(names = "--no-check", negatable = false, description = "Do not run 'turnkit check' after start.")
    boolean noCheck;

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".",
            description = "The turnkit checkout (firestore.rules, web/, e2e/; default: the current directory).")
    Path repo;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!ports.equals("standard") && !ports.equals("auto")) {
            throw new CommandFailedException(ExitCode.UNKNOWN, "--ports must be 'standard' or 'auto' (got '"
                    + ports + "')");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalOptions options = new LocalOptions(state.get(), repo.toAbsolutePath().normalize(),
                ports.equals("auto"), projectId, firestore, auth, !noCheck);

        LocalStack.Running running = LocalStack.up(options, err);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "turnkit-local-down");
        if (!detach) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        ExitCode verdict;
        try {
            running.warnings().forEach(w -> err.println("local: WARNING: " + w));
            verdict = running.checkReport().map(r -> ExitCode.of(r.status())).orElse(ExitCode.OK);
            ObjectNode endpoints = running.endpoints().deepCopy();
            if (output.json()) {
                ObjectMapper mapper = new ObjectMapper();
                running.checkReport().ifPresent(r -> endpoints.set("check",
                        mapper.valueToTree(CheckPrinter.document(r))));
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(endpoints));
            } else {
                LocalSummary.print(out, running);
                running.checkReport().ifPresent(r -> {
                    out.println();
                    out.println("turnkit check (" + String.join(", ", LocalStack.LOCAL_CHECKS) + "; the "
                            + "peer-deny-sweep is skipped: the local profile relays to loopback on purpose):");
                    new CheckPrinter(out).table("local coturn", r);
                });
            }
            out.flush();
            err.flush();
            if (detach) {
                running.detach();
                err.println("local: detached; stop it with 'turnkit local down"
                        + (state.stateDir != null ? " --state-dir " + state.get() : "") + "'");
                return verdict.code();
            }
        } catch (RuntimeException e) {
            if (!detach) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            running.close();
            throw e;
        }
        err.println("local: up; press Ctrl-C to stop everything");
        err.flush();
        stopped.await();
        return ExitCode.OK.code();
    }
}
