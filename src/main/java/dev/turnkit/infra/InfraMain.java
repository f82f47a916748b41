package dev.turnkit.infra;

import com.pulumi.Config;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.SecretSource;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code pulumi up} runs ({@code exec:java}, main class from the pom's {@code mainClass} property): reads the
 * {@code turnkit:} config, resolves the TURN secret(s) and hands over to {@link TurnStack}.
 */
public final class InfraMain {
    private InfraMain() {
    }

    public static void main(String[] args) {
        Pulumi.run(InfraMain::program);
    }

    static void program(Context ctx) {
        Config config = ctx.config();
        StackConfig stack = PulumiStackConfig.read(ctx.stackName(), config);
        // The working directory of pulumi up is the project directory, where target/turnkit.jar is built.
        TurnkitJar jar = TurnkitJar.of(stack, Path.of(""), Clock.systemUTC());
        CloudInit cloudInit = new RenderedCloudInit(HostRenderer.create(), secrets(stack, config));
        TurnStack.define(ctx, stack, cloudInit, jar);
    }

    /**
     * The TURN secret values as secret outputs: Pulumi secrets ({@code pulumi config set --secret}) through the
     * config, secret files read from the project directory (the working directory of {@code pulumi up}).
     */
    static Output<List<String>> secrets(StackConfig stack, Config config) {
        List<SecretSource> sources = new ArrayList<>();
        sources.add(stack.secrets().turnSecret());
        stack.secrets().previousTurnSecret().ifPresent(sources::add);
        List<Output<String>> values = new ArrayList<>();
        for (SecretSource source : sources) {
            if (source instanceof SecretSource.PulumiSecret secret) {
                values.add(config.requireSecret(bare(secret.key())));
            } else if (source instanceof SecretSource.File file) {
                values.add(Output.ofSecret(readFirstLine(file)));
            }
        }
        return Output.all(values).asSecret();
    }

    private static String bare(String key) {
        return key.startsWith(StackConfig.NAMESPACE + ":") ? key.substring(StackConfig.NAMESPACE.length() + 1) : key;
    }

    private static String readFirstLine(SecretSource.File file) {
        Path path = Path.of(file.path());
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                throw new ConfigException(file.key() + ": " + path + " is empty — write the secret on its first line");
            }
            return lines.get(0).trim();
        } catch (IOException e) {
            throw new ConfigException(file.key() + ": cannot read " + path.toAbsolutePath() + " — " + e.getMessage()
                    + " (create it: openssl rand -base64 32 > " + path + "; chmod 600 " + path + ")");
        }
    }
}
