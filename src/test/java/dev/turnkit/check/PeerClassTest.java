package dev.turnkit.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Severity that matches the risk: internal targets page a person, unrouted hygiene ranges warn, anycast is fine. */
class PeerClassTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
        "0.0.0.1|INTERNAL|this network",
        "127.0.0.8|INTERNAL|loopback",
        "10.255.255.254|INTERNAL|RFC 1918",
        "172.31.255.254|INTERNAL|RFC 1918",
        "192.168.1.1|INTERNAL|RFC 1918",
        "100.64.0.1|INTERNAL|CGNAT",
        "169.254.169.254|INTERNAL|cloud metadata",
        "169.254.0.2|INTERNAL|link-local",
        "224.0.0.1|INTERNAL|multicast",
        "240.0.0.1|INTERNAL|reserved",
        "255.255.255.255|INTERNAL|broadcast",
        "::|INTERNAL|unspecified",
        "::1|INTERNAL|loopback",
        "fe80::1234|INTERNAL|link-local",
        "fd12:3456::1|INTERNAL|ULA",
        "::ffff:127.0.0.1|INTERNAL|IPv4-mapped loopback",
        "::ffff:169.254.169.254|INTERNAL|IPv4-mapped link-local: the cloud metadata service",
        "::10.0.0.5|INTERNAL|IPv4-compatible RFC 1918",
        "64:ff9b::a9fe:a9fe|INTERNAL|NAT64 link-local",
        "2002:7f00:1::|INTERNAL|6to4 loopback",
        "64:ff9b:1::1|INTERNAL|local-use",
        "192.0.0.1|UNROUTED|IETF protocol assignments",
        "192.0.2.254|UNROUTED|TEST-NET-1",
        "198.51.100.1|UNROUTED|TEST-NET-2",
        "203.0.113.254|UNROUTED|TEST-NET-3",
        "198.19.255.254|UNROUTED|benchmarking",
        "192.88.99.1|UNROUTED|6to4 relay",
        "2001:db8::1|UNROUTED|documentation",
        "3fff::1|UNROUTED|documentation",
        "100::1|UNROUTED|discard-only",
        "192.31.196.1|GLOBAL|AS112",
        "192.175.48.1|GLOBAL|AS112",
        "192.52.193.1|GLOBAL|AMT",
        "2620:4f:8000::1|GLOBAL|AS112",
        "8.8.8.8|GLOBAL|public",
        "::ffff:8.8.8.8|GLOBAL|IPv4-mapped public",
        "2001:4860:4860::8888|GLOBAL|public"})
    void classifiesByTheIanaSpecialPurposeRegistries(String address, PeerClass.Risk risk, String label) {
        PeerClass c = PeerClass.of(PeerTargets.parse(address));
        assertThat(c.risk()).as(address + " → " + c).isEqualTo(risk);
        assertThat(c.label()).contains(label);
    }

    @Test
    void theFixIsTheRenderedConfigLineThatCoversTheAddress() {
        assertThat(PeerClass.fix(PeerTargets.parse("10.1.2.3"))).isEqualTo("denied-peer-ip=10.0.0.0-10.255.255.255");
        assertThat(PeerClass.fix(PeerTargets.parse("169.254.169.254")))
                .isEqualTo("denied-peer-ip=169.254.0.0-169.254.255.255");
        assertThat(PeerClass.fix(PeerTargets.parse("::ffff:127.0.0.1")))
                .startsWith("denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255").contains("CVE-2026-27624");
        assertThat(PeerClass.fix(PeerTargets.parse("::127.0.0.1")))
                .startsWith("denied-peer-ip=::4000:0-::7fff:ffff").contains("4.13.1");
        assertThat(PeerClass.fix(PeerTargets.parse("2002:a9fe:a9fe::")))
                .isEqualTo("denied-peer-ip=2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(PeerClass.fix(PeerTargets.parse("224.0.0.1"))).startsWith("no-multicast-peers");
        assertThat(PeerClass.fix(PeerTargets.parse("192.0.2.1"))).isEqualTo("denied-peer-ip=192.0.2.0-192.0.2.255");
    }

    @Test
    void noDenyTargetIsGloballyReachable() {
        assertThat(PeerTargets.standard(List.of())).filteredOn(t -> !t.allowControl())
                .allSatisfy(t -> assertThat(t.peerClass().risk()).as(t.text()).isNotEqualTo(PeerClass.Risk.GLOBAL));
        assertThat(PeerTargets.standard(List.of())).filteredOn(PeerTargets.Target::allowControl)
                .allSatisfy(t -> assertThat(t.peerClass().risk()).isEqualTo(PeerClass.Risk.GLOBAL));
    }

    @Test
    void onlyInternalTargetsMakeTheSweepCritical() {
        PeerTargets.Target loopback = target("::ffff:127.0.0.1");
        PeerTargets.Target testNet = target("198.51.100.1");
        AbstractCheck.Outcome both = PeerDenySweepCheck.verdict(List.of(testNet, loopback), List.of(), List.of(), 50,
                "", 3);
        assertThat(both.status()).isEqualTo(Status.CRITICAL);
        assertThat(both.detail()).startsWith("1 internal peer(s) ACCEPTED: ::ffff:127.0.0.1 (IPv4-mapped loopback")
                .contains("fix: denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255",
                        "198.51.100.1 (documentation TEST-NET-2 (RFC 5737); fix: "
                                + "denied-peer-ip=198.51.100.0-198.51.100.255)");

        AbstractCheck.Outcome hygiene = PeerDenySweepCheck.verdict(List.of(testNet, target("198.51.100.254")),
                List.of(), List.of(), 50, "", 3);
        assertThat(hygiene.status()).as("a TEST-NET reaches nothing: warn, do not page").isEqualTo(Status.WARNING);
        assertThat(hygiene.detail()).contains("2 unrouted (hygiene) peer(s) accepted, nothing internal",
                "198.51.100.1, 198.51.100.254 (documentation TEST-NET-2")
                .doesNotContain("RFC 1918");

        assertThat(PeerDenySweepCheck.verdict(List.of(), List.of(), List.of(), 50, "", 3).status())
                .isEqualTo(Status.OK);
    }

    private static PeerTargets.Target target(String text) {
        return new PeerTargets.Target(text, PeerTargets.parse(text), false);
    }
}
