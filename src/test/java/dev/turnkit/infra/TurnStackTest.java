package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnStackTest {
    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void smoke() {
        StackRun run = StackRun.up(TestStacks.config());
        System.err.println("exit=" + run.result().exitCode() + " errors=" + run.result().errors() + " ex=" + run.result().exceptions());
        run.oci().registered().forEach(r -> System.err.println(r.type() + " " + r.name() + " " + r.inputs()));
        System.err.println(run.result().outputs().keySet());
        System.err.println(run.output("sshCommand") + " " + run.output("publicIpAttached"));
        assertThat(run.result().exitCode()).isZero();
    }
}
