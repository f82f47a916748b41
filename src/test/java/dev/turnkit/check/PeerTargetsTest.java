package dev.turnkit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTargetsTest {

    @Test
    void theSweepCoversAtLeast40DenyTargetsIncludingEveryIpv4InIpv6Encoding() {
        List<PeerTargets.Target> targets = PeerTargets.standard(List.of());
        assertThat(targets.stream().filter(t -> !t.allowControl())).as("issue 2: at least 40 deny targets")
                .hasSizeGreaterThanOrEqualTo(40);
        assertThat(targets).extracting(PeerTargets.Target::text).contains("169.254.169.254", "::ffff:127.0.0.1",
                "::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "fd00::1", "fe80::1", "::1", "100.64.0.0",
                "224.0.0.1");
        assertThat(targets.stream().filter(PeerTargets.Target::allowControl)).extracting(PeerTargets.Target::text)
                .containsExactly("8.8.8.8", "1.1.1.1", "2001:4860:4860::8888");
    }

    @Test
    void ipv4MappedAddressesKeepTheIpv6Family() {
        assertThat(PeerTargets.parse("::ffff:127.0.0.1")).as("the JDK would silently make this 127.0.0.1")
                .isInstanceOf(Inet6Address.class);
        assertThat(PeerTargets.parse("::ffff:127.0.0.1").getAddress()).hasSize(16);
        assertThat(PeerTargets.parse("10.0.0.1").getAddress()).hasSize(4);
    }

    @Test
    void onlyLiteralsAreAccepted() {
        assertThatThrownBy(() -> PeerTargets.parse("metadata.internal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an IP address literal");
        assertThatThrownBy(() -> PeerTargets.parse("10.0.0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentilesUseNearestRank() {
        List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(RelayEchoCheck.percentile(sorted, 50)).isEqualTo(5.0);
        assertThat(RelayEchoCheck.percentile(sorted, 95)).isEqualTo(10.0);
        assertThat(RelayEchoCheck.percentile(List.of(3.0), 95)).isEqualTo(3.0);
    }
}
