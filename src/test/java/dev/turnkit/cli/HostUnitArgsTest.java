package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The systemd units rendered for the host run {@code turnkit credentials serve} and {@code turnkit check} with
 * argument lists built in {@link HostSpec}; the real commands must accept them, or the services fail on the VM.
 */
class HostUnitArgsTest {
    private static final StackConfig PROD = StackFiles.load(Path.of("stacks"), "prod");

    private static ParseResult parse(List<String> args) {
        CommandLine cmd = Main.commandLine();
        return cmd.parseArgs(args.toArray(String[]::new));
    }

    @Test
    void credentialsUnitArgumentsParseWithTheRealServeCommand() {
        for (boolean withPrevious : new boolean[] {false, true}) {
            List<String> args = HostSpec.credentialsServeArgs(PROD, withPrevious);
            assertThatCode(() -> parse(args)).as("credentials serve accepts " + args).doesNotThrowAnyException();
            ParseResult serve = parse(args).subcommand().subcommand();
            assertThat(serve.commandSpec().name()).isEqualTo("serve");
            assertThat(serve.hasMatchedOption("--bind")).as("binds the private IP, not loopback").isTrue();
            assertThat(serve.hasMatchedOption("--tls-cert")).as("serves TLS from certbot's files").isTrue();
            assertThat(serve.hasMatchedOption("--auth-emulator")).as("never emulator mode on a host").isFalse();
            assertThat(serve.hasMatchedOption("--previous-secret-file")).isEqualTo(withPrevious);
        }
    }

    @Test
    void checkTimerArgumentsParseWithTheRealCheckCommand() {
        List<String> args = HostSpec.checkCommandArgs(PROD);
        assertThatCode(() -> parse(args)).as("check accepts " + args).doesNotThrowAnyException();
        ParseResult check = parse(args).subcommand();
        assertThat(check.commandSpec().name()).isEqualTo("check");
        assertThat(check.hasMatchedOption("--secret-file")).as("secret from the systemd credential").isTrue();
    }
}
