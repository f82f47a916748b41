package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import org.junit.jupiter.api.Test;

/** The Always Free guard: each limit refused with a message naming it and the key, unless allowPaid. */
class FreeTierLimitsTest {
    /** A config beyond the allowance, with allowPaid false (the model itself only checks the shape's limits). */
    private static StackConfig beyondFreeTier(Object... keys) {
        return TestStacks.config(keys);
    }

    @Test
    void theWholeA1AllowanceIsFree() {
        FreeTierLimits.Verdict v = FreeTierLimits.check(TestStacks.config("ocpus", 2, "memoryGb", 12,
                "bootVolumeGb", 200));
        assertThat(v.free()).as("2 OCPUs, 12 GB, 200 GB boot volume fit the June 2026 allowance").isTrue();
        assertThat(v.summary()).isEqualTo("free");
    }

    @Test
    void moreThanTwoA1OcpusIsRefused() {
        FreeTierLimits.Verdict v = FreeTierLimits.check(beyondFreeTier("ocpus", 3));
        assertThat(v.allowed()).isFalse();
        assertThat(v.violations()).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("turnkit:ocpus");
            assertThat(x.message()).contains("turnkit:ocpus: 3", "allowance of 2 OCPUs", "since June 2026",
                    "turnkit:allowPaid: true");
        });
    }

    @Test
    void moreThanTwelveGbOfA1MemoryIsRefused() {
        FreeTierLimits.Verdict v = FreeTierLimits.check(beyondFreeTier("ocpus", 2, "memoryGb", 16));
        assertThat(v.violations()).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("turnkit:memoryGb");
            assertThat(x.message()).contains("16 GB", "allowance of 12 GB");
        });
    }

    @Test
    void aBootVolumeBeyondTheBlockStorageAllowanceIsRefused() {
        FreeTierLimits.Verdict v = FreeTierLimits.check(beyondFreeTier("bootVolumeGb", 250));
        assertThat(v.violations()).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("turnkit:bootVolumeGb");
            assertThat(x.message()).contains("250 GB", "200 GB in total");
        });
    }

    @Test
    void moreThanTwoMicroInstancesAreRefused() {
        StackConfig micro = TestStacks.config("shape", "VM.Standard.E2.1.Micro", "ocpus", null, "memoryGb", null);
        assertThat(FreeTierLimits.check(micro, 2).free()).as("two Micro instances are free").isTrue();
        assertThat(FreeTierLimits.check(micro, 3).violations()).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("turnkit:shape");
            assertThat(x.message()).contains("3 VM.Standard.E2.1.Micro instances", "allowance of 2");
        });
    }

    @Test
    void allowPaidLetsTheSameStackThrough() {
        FreeTierLimits.Verdict v = FreeTierLimits.check(TestStacks.config("allowPaid", true, "ocpus", 4,
                "memoryGb", 24, "bootVolumeGb", 300));
        assertThat(v.free()).as("the stack still goes beyond the allowance").isFalse();
        assertThat(v.violations()).extracting(FreeTierLimits.Violation::key)
                .containsExactly("turnkit:ocpus", "turnkit:memoryGb", "turnkit:bootVolumeGb");
        assertThat(v.allowed()).as("turnkit:allowPaid: true accepts the charges").isTrue();
        assertThat(v.summary()).isEqualTo("paid (allowed by turnkit:allowPaid)");
    }

    @Test
    void aShapeThatIsNotAlwaysFreeCannotBeConfigured() {
        assertThatThrownBy(() -> TestStacks.config("shape", "VM.Standard.E4.Flex"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("turnkit:shape")
                .hasMessageContaining("Always Free");
    }
}
