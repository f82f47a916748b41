package dev.turnkit.render;

import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.model.TurnServerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Example stacks from {@code stacks/} and fixed test secrets. */
final class Stacks {
    static final String SECRET = "test-secret-0123456789abcdef";
    static final String PREVIOUS_SECRET = "test-previous-secret-0123456789";

    private Stacks() {
    }

    static StackConfig load(String stack) {
        try {
            return StackConfig.fromYaml(stack, Files.readString(Path.of("stacks", "Pulumi." + stack + ".yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StackConfig withVersion(String stack, String version) {
        String yaml;
        try {
            yaml = Files.readString(Path.of("stacks", "Pulumi." + stack + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StackConfig.fromYaml(stack, yaml.replace("turnkit:coturnVersion: 4.6.1",
                "turnkit:coturnVersion: " + version));
    }

    static HostSpec host(StackConfig c) {
        return HostSpec.production(c, c.secrets().previousTurnSecret().isPresent()
                ? List.of(SECRET, PREVIOUS_SECRET) : List.of(SECRET));
    }

    static String turnserverConf(StackConfig c) {
        return HostRenderer.create().renderTurnServerConf(TurnServerSpec.production(c, List.of(SECRET)));
    }
}
