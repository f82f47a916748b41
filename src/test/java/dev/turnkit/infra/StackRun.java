package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedMap;

/** Runs the stack under {@link OfflineOci} mocks, as {@code pulumi up} would (not a preview). */
record StackRun(TestResult result, OfflineOci oci) {
    /** The TURN secret the tests render with. */
    static final List<String> SECRETS = List.of("test-turn-secret");
    static final HostRenderer RENDERER = HostRenderer.create();
    /** The real renderer, as {@code pulumi up} uses it. */
    static final CloudInit CLOUD_INIT = new RenderedCloudInit(RENDERER, Output.of(SECRETS));

    /** When the tests run {@code pulumi up}: the upload URL expires turnkitJarUploadMinutes after this. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    static StackRun up(StackConfig config) {
        return up(config, NsgRules.of(config));
    }

    static StackRun up(StackConfig config, SortedMap<String, NsgRule> firewall) {
        return up(config, firewall, TurnkitJar.of(config, BuiltJar.PROJECT, CLOCK));
    }

    /** Runs the stack with {@code jar} as the way the VM gets turnkit.jar. */
    static StackRun up(StackConfig config, SortedMap<String, NsgRule> firewall, TurnkitJar jar) {
        OfflineOci oci = new OfflineOci(config);
        TestResult result = PulumiTest.withMocks(oci)
                .withOptions(TestOptions.builder().projectName("turnkit").stackName(config.stack()).preview(false)
                        .build())
                .runTest(ctx -> TurnStack.define(ctx, config, firewall, CLOUD_INIT, jar));
        return new StackRun(result, oci);
    }

    /** A project directory with a laptop build in target/turnkit.jar (a few fixed bytes), made once per JVM. */
    static final class BuiltJar {
        static final Path PROJECT = create();

        private static Path create() {
            try {
                // deleteOnExit deletes in the reverse order of registration: the jar, then target/, then the dir.
                Path dir = Files.createTempDirectory("tkfb-project-");
                dir.toFile().deleteOnExit();
                Files.createDirectories(dir.resolve("target")).toFile().deleteOnExit();
                Files.write(dir.resolve(TurnkitJar.BUILD), "PK fake turnkit.jar".getBytes(StandardCharsets.UTF_8))
                        .toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    List<OfflineOci.Registered> ofType(String type) {
        return oci.registered().stream().filter(r -> r.type().equals(type)).toList();
    }

    OfflineOci.Registered one(String type) {
        List<OfflineOci.Registered> all = ofType(type);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + type + ", found " + all.size());
        }
        return all.get(0);
    }

    Object output(String name) {
        return PulumiTest.extractValue(result.output(name));
    }
}
