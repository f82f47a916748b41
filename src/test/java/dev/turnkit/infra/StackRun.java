package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import java.util.List;
import java.util.SortedMap;

/** Runs the stack under {@link OfflineOci} mocks, as {@code pulumi up} would (not a preview). */
record StackRun(TestResult result, OfflineOci oci) {
    /** The TURN secret the tests render with. */
    static final List<String> SECRETS = List.of("test-turn-secret");
    static final HostRenderer RENDERER = HostRenderer.create();
    /** The real renderer, as {@code pulumi up} uses it. */
    static final CloudInit CLOUD_INIT = new RenderedCloudInit(RENDERER, Output.of(SECRETS));

    static StackRun up(StackConfig config) {
        return up(config, NsgRules.of(config));
    }

    static StackRun up(StackConfig config, SortedMap<String, NsgRule> firewall) {
        OfflineOci oci = new OfflineOci(config);
        TestResult result = PulumiTest.withMocks(oci)
                .withOptions(TestOptions.builder().projectName("turnkit").stackName(config.stack()).preview(false)
                        .build())
                .runTest(ctx -> TurnStack.define(ctx, config, firewall, CLOUD_INIT));
        return new StackRun(result, oci);
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
