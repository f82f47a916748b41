package dev.turnkit.cli;

import dev.turnkit.local.ChildCommands;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of {@code turnkit credentials serve} and {@code turnkit local serve-app} that
 * {@code turnkit local up} runs as child processes: this same turnkit (same JVM, same class path). The one place
 * outside the commands themselves that spells their flags; {@code LocalChildCommandsTest} parses every command
 * line built here with the real command tree.
 */
final class LocalChildCommands implements ChildCommands {
    private static final String LOOPBACK = "127.0.0.1";

    @Override
    public List<String> credentialsServe(CredentialsEndpoint e) {
        List<String> args = new ArrayList<>(List.of("credentials", "serve",
                "--bind", LOOPBACK, "--port", Integer.toString(e.port()),
                "--project", e.projectId(), "--secret-file", e.secretFile().toString(),
                "--turn-host", e.turnHost(), "--turn-port", Integer.toString(e.turnPort()),
                "--turns-port", Integer.toString(e.turnsPort())));
        for (String origin : e.allowedOrigins()) {
            args.add("--allow-origin");
            args.add(origin);
        }
        args.add("--auth-emulator");
        args.add(e.authEmulator());
        return turnkit(args);
    }

    @Override
    public List<String> serveApp(Path webDir, int port, Path configFile) {
        return turnkit(List.of("local", "serve-app", "--dir", webDir.toString(), "--port", Integer.toString(port),
                "--config", configFile.toString()));
    }

    /** The program part: the running JVM with this class path (children run in the state directory). */
    static List<String> turnkit(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx128m");
        cmd.add("-cp");
        cmd.add(absoluteClassPath(System.getProperty("java.class.path")));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return cmd;
    }

    /** The children run in the state directory, so relative class path entries are made absolute. */
    static String absoluteClassPath(String classPath) {
        StringBuilder sb = new StringBuilder();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : File.pathSeparator)
                        .append(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return sb.toString();
    }
}
