package dev.turnkit.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top command: {@code turnkit <subcommand>}. */
@Command(name = "turnkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stands up and watches over the TURN (coturn) and Firebase infrastructure of a WebRTC app.")
final class TurnkitCommand implements Runnable {
    /**
     * The subcommands, in help order. {@link Main} registers only the one being run (or all of them for help and
     * errors): picocli builds each command's model by reflection, which costs a scheduled {@code turnkit check}
     * ~0.15 s of start-up for commands it does not use (BENCHMARKS.md).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("check", CheckCommand.class);
        m.put("render", RenderCommand.class);
        m.put("local", LocalCommand.class);
        m.put("credentials", CredentialsCommand.class);
        m.put("rules", RulesCommand.class);
        m.put("sessions", SessionsCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("load", LoadCommand.class);
        m.put("deploy", DeployCommand.class);
        m.put("oci", OciCommand.class);
        return Collections.unmodifiableMap(m);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand");
    }
}
