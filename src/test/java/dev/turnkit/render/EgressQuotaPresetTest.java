package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.EgressBudget;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The egress quota preset: coturn's quotas keep a month's relayed bytes under the allowance (docs/oci.md). */
class EgressQuotaPresetTest {
    private static StackConfig prodWith(String... lines) throws IOException {
        String yaml = Files.readString(Path.of("stacks", "Pulumi.prod.yaml"));
        return StackConfig.fromYaml("prod", yaml.stripTrailing() + "\n" + String.join("\n", lines) + "\n");
    }

    @Test
    void tenTerabytesAndFiftySessionsGiveTheDocumentedQuotas() {
        EgressBudget b = EgressBudget.of(10_000, 50);
        assertThat(b.bpsCapacity()).as("9.5e12 bytes / 2,678,400 s").isEqualTo(3_546_893);
        assertThat(b.maxBps()).isEqualTo(70_937);
        assertThat(b.totalQuota()).isEqualTo(50);
        assertThat(b.worstMonthBytes()).as("a 31-day month at full capacity stays under 10 TB, with 5 % to spare")
                .isLessThanOrEqualTo(9_500_000_000_000L).isGreaterThan(9_499_990_000_000L);
    }

    @Test
    void thePresetCapsTheRenderedCoturnQuotas() throws IOException {
        StackConfig c = prodWith("  turnkit:concurrentSessions: 50");
        List<String> lines = TurnServerConfTest.lines(Stacks.turnserverConf(c));
        assertThat(lines).contains("bps-capacity=3546893", "max-bps=70937", "total-quota=50", "user-quota=10");

        StackConfig without = Stacks.load("prod");
        assertThat(TurnServerConfTest.lines(Stacks.turnserverConf(without)))
                .as("no preset: the keys as set").contains("bps-capacity=100000000", "total-quota=300");
        assertThat(without.coturn().bpsCapacity() * EgressBudget.MONTH_SECONDS)
                .as("which is why the preset exists: 100 MB/s for a month is over 20 times 10 TB")
                .isGreaterThan(20 * EgressBudget.of(10_000, 1).allowanceBytes());
    }

    @Test
    void aLowerValueSetByHandStaysAndAFewSessionsGetAUserQuotaBelowTheTotal() throws IOException {
        StackConfig c = prodWith("  turnkit:concurrentSessions: 4", "  turnkit:egressAllowanceGb: 1000");
        assertThat(c.coturn().bpsCapacity()).isEqualTo(EgressBudget.of(1000, 4).bpsCapacity());
        assertThat(c.coturn().maxBps()).as("250000 set by hand is below the preset's 88672").isEqualTo(88_672);
        assertThat(c.coturn().totalQuota()).isEqualTo(4);
        assertThat(c.coturn().userQuota()).isEqualTo(4);
    }

    @Test
    void tooManySessionsForTheAllowanceIsAConfigProblem() {
        assertThatThrownBy(() -> prodWith("  turnkit:concurrentSessions: 100000", "  turnkit:egressAllowanceGb: 10"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("turnkit:concurrentSessions: 100000")
                .hasMessageContaining("plan fewer sessions or a larger allowance");
    }
}
