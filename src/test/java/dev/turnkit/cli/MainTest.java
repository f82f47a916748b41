package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsSubcommandsAndTheExitCodePolicy() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("check", "render", "local", "Exit codes:", "3   UNKNOWN");
    }

    @Test
    void versionIsPrinted() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("turnkit ");
    }

    @Test
    void unknownSubcommandIsBadUsageWithOneClearLine() {
        Result r = run("frobnicate");
        assertThat(r.code()).as("bad usage is UNKNOWN (3)").isEqualTo(3);
        assertThat(r.err()).startsWith("turnkit: Unmatched argument").contains("--help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingSubcommandIsBadUsage() {
        Result r = run();
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("missing subcommand");
    }

    @Test
    void everySubcommandHelpListsExitCodes() {
        for (String sub : new String[] {"check", "render", "local", "credentials", "rules", "plan"}) {
            Result r = run(sub, "--help");
            assertThat(r.code()).as(sub + " --help").isZero();
            assertThat(r.out()).as(sub + " --help lists the exit codes").contains("Exit codes:");
        }
    }

    @Test
    void everyCommandTakesVerbosityAndJsonFromTheSharedMixins() {
        java.util.List<String> checked = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(
                Main.commandLine().getSubcommands().values());
        while (!todo.isEmpty()) {
            picocli.CommandLine cmd = todo.pop();
            if (!cmd.getSubcommands().isEmpty()) {
                todo.addAll(cmd.getSubcommands().values());
                continue;
            }
            picocli.CommandLine.Model.CommandSpec spec = cmd.getCommandSpec();
            String name = spec.qualifiedName();
            checked.add(name);
            assertThat(spec.findOption("-v")).as(name + " has -v").isNotNull();
            assertThat(spec.findOption("-v").userObject().toString()).as(name + ": -v comes from VerbosityOption")
                    .contains(VerbosityOption.class.getName());
            if (spec.findOption("--json") != null) {
                assertThat(spec.findOption("--json").userObject().toString())
                        .as(name + ": --json comes from OutputOptions").contains(OutputOptions.class.getName());
            }
        }
        assertThat(checked).contains("turnkit check", "turnkit credentials serve", "turnkit local up",
                "turnkit local down");
    }
}
