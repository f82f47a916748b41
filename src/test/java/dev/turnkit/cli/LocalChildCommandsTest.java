package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.local.ChildCommands;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Every command line {@code local up} runs is one the real command tree parses, with the values meant. */
class LocalChildCommandsTest {
    private final LocalChildCommands commands = new LocalChildCommands();

    /** Parses the arguments after the program part, as {@code turnkit} would; returns the leaf command's result. */
    private static ParseResult parse(List<String> command) {
        int main = command.indexOf(Main.class.getName());
        assertThat(main).as("runs dev.turnkit.cli.Main").isPositive();
        assertThat(command.get(0)).endsWith("/bin/java");
        String[] args = command.subList(main + 1, command.size()).toArray(String[]::new);
        ParseResult result = Main.commandLine(args).parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result;
    }

    @Test
    void credentialsServeParsesToTheEndpointAsked() {
        ParseResult r = parse(commands.credentialsServe(new ChildCommands.CredentialsEndpoint(8088, "demo-turnkit",
                Path.of("/state/turn-secret"), "127.0.0.1", 3478, 5349,
                List.of("http://127.0.0.1:8089", "http://localhost:8089"), "127.0.0.1:9099")));
        assertThat(r.commandSpec().qualifiedName()).isEqualTo("turnkit credentials serve");
        assertThat(r.<String>matchedOptionValue("--bind", null)).as("loopback only").isEqualTo("127.0.0.1");
        assertThat(r.<Integer>matchedOptionValue("--port", 0)).isEqualTo(8088);
        assertThat(r.<String>matchedOptionValue("--project", null)).isEqualTo("demo-turnkit");
        assertThat(r.<Path>matchedOptionValue("--secret-file", null)).isEqualTo(Path.of("/state/turn-secret"));
        assertThat(r.<String>matchedOptionValue("--turn-host", null)).isEqualTo("127.0.0.1");
        assertThat(r.<Integer>matchedOptionValue("--turn-port", 0)).isEqualTo(3478);
        assertThat(r.<Integer>matchedOptionValue("--turns-port", 0)).isEqualTo(5349);
        assertThat(r.<List<String>>matchedOptionValue("--allow-origin", List.of()))
                .containsExactly("http://127.0.0.1:8089", "http://localhost:8089");
        assertThat(r.matchedOption("--auth-emulator").<String>getValue()).isEqualTo("127.0.0.1:9099");
    }

    @Test
    void serveAppParsesToTheAppAsked() {
        ParseResult r = parse(commands.serveApp(Path.of("/repo/web"), 8089, Path.of("/state/app-config.json")));
        assertThat(r.commandSpec().qualifiedName()).isEqualTo("turnkit local serve-app");
        assertThat(r.<Path>matchedOptionValue("--dir", null)).isEqualTo(Path.of("/repo/web"));
        assertThat(r.<Integer>matchedOptionValue("--port", 0)).isEqualTo(8089);
        assertThat(r.<Path>matchedOptionValue("--config", null)).isEqualTo(Path.of("/state/app-config.json"));
    }

    @Test
    void relativeClassPathEntriesBecomeAbsolute() {
        String cp = LocalChildCommands.absoluteClassPath("target/classes" + java.io.File.pathSeparator + "/abs/x.jar");
        assertThat(cp.split(java.io.File.pathSeparator)).allSatisfy(e -> assertThat(Path.of(e)).isAbsolute());
    }
}
