package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.model.ConfigException;
import dev.turnkit.model.CoturnVersion;
import dev.turnkit.model.PortRange;
import dev.turnkit.model.StackConfig;
import dev.turnkit.model.TurnServerSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** turnserver.conf: the seed's errors cannot appear, options are gated on the coturn version (design-notes.md §1, §3). */
class TurnServerConfTest {
    private static final HostRenderer RENDERER = HostRenderer.create();

    static List<String> lines(String conf) {
        return Arrays.stream(conf.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    static List<String> prodLines(String version) {
        return lines(Stacks.turnserverConf(Stacks.withVersion("prod", version)));
    }

    @Test
    void seedErrorsAreAbsent() {
        String conf = Stacks.turnserverConf(Stacks.load("prod"));
        List<String> l = lines(conf);
        assertThat(l).as("REST credentials need use-auth-secret; lt-cred-mech + userdb rejects every one (401)")
                .contains("use-auth-secret").noneMatch(x -> x.startsWith("lt-cred-mech"));
        assertThat(l).as("the API's secret is in the userdb, which coturn queries per authentication (no restart to "
                + "rotate), not in a static-auth-secret line read only at start")
                .contains("userdb=/var/lib/turn/turndb").noneMatch(x -> x.startsWith("static-auth-secret"));
        assertThat(conf).doesNotContain(Stacks.SECRET);
        assertThat(conf).as("coturn never listens on 3479 (RFC 5780 alternate port)").doesNotContain("3479");
        assertThat(l).as("relay-ip is the private IP: the public IP is not on the NIC behind OCI 1:1 NAT (errno 99)")
                .contains("relay-ip=10.0.0.20", "listening-ip=10.0.0.20", "external-ip=203.0.113.20/10.0.0.20")
                .doesNotContain("relay-ip=203.0.113.20", "listening-ip=0.0.0.0");
        assertThat(l).as("no pinned cipher-list: an RSA-only list breaks certbot's ECDSA certificate")
                .noneMatch(x -> x.startsWith("cipher-list"));
        assertThat(l).as("TLS 1.0/1.1 off on coturn < 4.7").contains("no-tlsv1", "no-tlsv1_1");
        assertThat(l).as("no-loopback-peers was removed in 4.5.1.0 (Bad configuration format)")
                .noneMatch(x -> x.startsWith("no-loopback-peers")).noneMatch(x -> x.startsWith("allow-loopback-peers"));
        assertThat(l).as("deny list: private ranges, metadata service, the ::ffff: bypass on 4.6.1")
                .contains("denied-peer-ip=10.0.0.0-10.255.255.255", "denied-peer-ip=169.254.0.0-169.254.255.255",
                        "denied-peer-ip=127.0.0.0-127.255.255.255", "denied-peer-ip=::1",
                        "denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255", "no-multicast-peers");
        assertThat(l).as("all 18 IPv4 and 12 IPv6 special-purpose ranges, the ::ffff: rule and the 8 ::a.b.c.d blocks")
                .filteredOn(x -> x.startsWith("denied-peer-ip=")).hasSize(18 + 12 + 1 + 8);
        assertThat(l).as("logs go to journald via stdout; turnserver cannot write /var/log; verbose logs client IPs")
                .contains("log-file=stdout", "simple-log").noneMatch(x -> x.contains("/var/log"))
                .noneMatch(x -> x.equals("verbose") || x.equals("log-binding"));
        assertThat(l).as("TLS from the deploy hook's readable copies, not root-only letsencrypt/live")
                .contains("cert=/etc/coturn/tls/fullchain.pem", "pkey=/etc/coturn/tls/privkey.pem")
                .noneMatch(x -> x.contains("/etc/letsencrypt"));
        assertThat(l).as("quotas protect the egress allowance; no TCP relay; no CLI; realm for REST auth")
                .contains("user-quota=10", "total-quota=300", "max-bps=250000", "bps-capacity=100000000",
                        "no-tcp-relay", "no-cli", "realm=turn.example.com", "server-name=turn.example.com",
                        "fingerprint", "no-dtls");
        assertThat(l).as("each option once (the seed listed lt-cred-mech twice)").doesNotHaveDuplicates();
        assertThat(l).as("no option with a value that FreeMarker formatted with grouping (49,152)")
                .noneMatch(x -> x.matches(".*=\\d{1,3},\\d{3}.*"));
    }

    @Test
    void everyLineIsAKnownOption() {
        List<String> known = List.of("listening-ip", "relay-ip", "external-ip", "listening-port", "tls-listening-port",
                "min-port", "max-port", "use-auth-secret", "userdb", "realm", "server-name", "fingerprint",
                "stale-nonce", "cert", "pkey", "no-tlsv1", "no-tlsv1_1", "no-dtls", "no-multicast-peers",
                "no-tcp-relay", "denied-peer-ip", "user-quota", "total-quota", "max-bps", "bps-capacity", "no-cli",
                "no-software-attribute", "no-rfc5780", "no-stun-backward-compatibility",
                "response-origin-only-with-rfc5780", "log-file", "simple-log", "new-log-timestamp");
        assertThat(prodLines("4.6.1")).allSatisfy(l -> assertThat(known).contains(l.split("=", 2)[0]));
    }

    @Test
    void optionsRemovedIn47AreNotRendered() {
        List<String> v47 = prodLines("4.7.0");
        assertThat(v47).as("no-tlsv1* no longer exist in 4.7.0 (TLS 1.0/1.1 off by default)")
                .doesNotContain("no-tlsv1", "no-tlsv1_1");
        assertThat(v47).as("deprecated or default in 4.7.0")
                .doesNotContain("no-software-attribute", "no-rfc5780", "no-stun-backward-compatibility",
                        "response-origin-only-with-rfc5780");
        assertThat(v47).as("4.7 and 4.8 still have CVE-2026-27624").contains(
                "denied-peer-ip=" + TurnServerSpec.DENIED_V4_MAPPED);
        assertThat(prodLines("4.8.0")).contains("denied-peer-ip=" + TurnServerSpec.DENIED_V4_MAPPED);
    }

    @Test
    void mappedAddressRuleOnlyBelow49() {
        assertThat(prodLines("4.9.0")).as("CVE-2026-27624 fixed in 4.9.0: the ::ffff: rule is not rendered")
                .doesNotContain("denied-peer-ip=" + TurnServerSpec.DENIED_V4_MAPPED)
                .noneMatch(l -> l.startsWith("denied-peer-ip=::ffff:"));
        assertThat(prodLines("4.6.1")).contains("denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255");
        assertThat(prodLines("4.5.2")).contains("denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255");
    }

    @Test
    void ipv4CompatibleBlocksOnlyBelow4131() {
        assertThat(prodLines("4.6.1")).as("::a.b.c.d (e.g. ::127.0.0.1) bypasses the IPv4 ranges before 4.13.1")
                .contains("denied-peer-ip=::8000:0-::ffff:ffff", "denied-peer-ip=::100:0-::1ff:ffff")
                .as("never a block starting at ::, which 4.6.1 reads as 'deny everything'")
                .noneMatch(x -> x.startsWith("denied-peer-ip=::-") || x.startsWith("denied-peer-ip=::0-"));
        assertThat(prodLines("4.13.1")).as("4.13.1 canonicalises every IPv4-in-IPv6 encoding (#1945)")
                .noneMatch(x -> x.startsWith("denied-peer-ip=::100:0"));
    }

    @Test
    void cliAndDtlsGates() {
        assertThat(prodLines("4.9.0")).contains("no-cli", "no-dtls");
        assertThat(prodLines("4.10.0")).as("CLI off by default from 4.10.0").doesNotContain("no-cli")
                .contains("no-dtls");
        assertThat(prodLines("4.17.1")).as("DTLS only with 'dtls' from 4.17.0").doesNotContain("no-dtls", "no-cli");
    }

    @Test
    void coreOptionsOnEveryVersion() {
        for (String v : List.of("4.5.2", "4.6.1", "4.7.0", "4.9.0", "4.10.0", "4.17.1")) {
            assertThat(prodLines(v)).as("coturn " + v).contains("use-auth-secret", "no-tcp-relay",
                    "no-multicast-peers", "log-file=stdout", "new-log-timestamp", "denied-peer-ip=::1",
                    "denied-peer-ip=169.254.0.0-169.254.255.255");
        }
    }

    @Test
    void aRotationLeavesTheProductionConfUnchangedSoCoturnIsNotRestarted() throws Exception {
        String one = RENDERER.renderTurnServerConf(TurnServerSpec.production(Stacks.load("prod"),
                List.of(Stacks.SECRET)));
        String both = RENDERER.renderTurnServerConf(TurnServerSpec.production(Stacks.load("prod"),
                List.of(Stacks.SECRET, Stacks.PREVIOUS_SECRET)));
        assertThat(both).as("the secrets are userdb rows (turnkit-sync-secrets), not config lines").isEqualTo(one)
                .doesNotContain(Stacks.PREVIOUS_SECRET);
        StackConfig ol = StackConfig.fromYaml("prod", java.nio.file.Files.readString(java.nio.file.Path.of("stacks",
                "Pulumi.prod.yaml")).replace("turnkit:os: ubuntu", "turnkit:os: oracle-linux"));
        String oracle = RENDERER.renderTurnServerConf(TurnServerSpec.production(ol, List.of(Stacks.SECRET)));
        assertThat(lines(oracle)).as("the EPEL package's state directory").contains("userdb=/var/lib/coturn/turndb");
    }

    @Test
    void theLocalProfileKeepsStaticSecretsCurrentFirst() {
        TurnServerSpec local = TurnServerSpec.local(new TurnServerSpec.LocalOptions("turn.localhost.test", 23478,
                25349, new PortRange(40000, 40099), CoturnVersion.of("4.6.1"),
                List.of(Stacks.SECRET, Stacks.PREVIOUS_SECRET), "/c", "/k", "/tmp/x/turndb", false, null));
        assertThat(lines(RENDERER.renderTurnServerConf(local))).filteredOn(l -> l.startsWith("static-auth-secret="))
                .containsExactly("static-auth-secret=" + Stacks.SECRET, "static-auth-secret=" + Stacks.PREVIOUS_SECRET);
    }

    @Test
    void unusableSecretsAreRejectedWithoutEchoingThem() {
        StackConfig c = Stacks.load("prod");
        assertThatThrownBy(() -> TurnServerSpec.production(c, List.of("short")))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("short\"")
                .hasMessageContaining("16 to 256 printable ASCII");
        assertThatThrownBy(() -> TurnServerSpec.production(c, List.of("has a space in it 0123456789")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> TurnServerSpec.production(c, List.of(Stacks.SECRET, Stacks.SECRET)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("previous secret equals the current");
    }

    @Test
    void vcnOutsideTheDenyListIsAdded() {
        assertThat(TurnServerSpec.deniedPeers(CoturnVersion.of("4.6.1"),
                dev.turnkit.model.Cidr.parse("10.0.0.0/16"), false))
                .as("10.0.0.0/16 is already covered by 10/8").doesNotContain("10.0.0.0-10.0.255.255");
        assertThat(TurnServerSpec.deniedPeers(CoturnVersion.of("4.6.1"),
                dev.turnkit.model.Cidr.parse("11.0.0.0/16"), false))
                .as("a VCN outside the special-purpose ranges is denied too").contains("11.0.0.0-11.0.255.255");
    }

    @Test
    void localProfileListensOnLoopbackWithTheSameHardening() {
        TurnServerSpec local = TurnServerSpec.local(new TurnServerSpec.LocalOptions("turn.localhost.test", 23478,
                25349, new PortRange(40000, 40099), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET),
                "/tmp/x/cert.pem", "/tmp/x/key.pem", "/tmp/x/turndb", false, null));
        List<String> l = lines(RENDERER.renderTurnServerConf(local));
        assertThat(l).contains("listening-ip=127.0.0.1", "relay-ip=127.0.0.1", "listening-port=23478",
                "tls-listening-port=25349", "min-port=40000", "max-port=40099", "cert=/tmp/x/cert.pem",
                "userdb=/tmp/x/turndb", "use-auth-secret", "denied-peer-ip=127.0.0.0-127.255.255.255", "no-tlsv1")
                .noneMatch(x -> x.startsWith("external-ip")).noneMatch(x -> x.startsWith("allow-loopback-peers"));
    }

    @Test
    void localEchoProfileAllowsOnlyLoopbackAndNeedsACliPassword() {
        TurnServerSpec.LocalOptions echo = new TurnServerSpec.LocalOptions("turn.localhost.test", 23478, 25349,
                new PortRange(40000, 40099), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", null,
                true, "cli-password-0123456789");
        List<String> l = lines(RENDERER.renderTurnServerConf(TurnServerSpec.local(echo)));
        assertThat(l).contains("allow-loopback-peers", "no-cli", "denied-peer-ip=10.0.0.0-10.255.255.255",
                        "denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255")
                .doesNotContain("denied-peer-ip=127.0.0.0-127.255.255.255", "denied-peer-ip=::1");
        assertThatThrownBy(() -> TurnServerSpec.local(new TurnServerSpec.LocalOptions("r.test", 1, 2,
                new PortRange(40000, 40099), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", null,
                true, null))).hasMessageContaining("cli-password");
    }

    @Test
    void localProfileAlsoListensOnIpv6LoopbackWhenAskedAndProductionNever() {
        TurnServerSpec.LocalOptions both = new TurnServerSpec.LocalOptions("turn.localhost.test", 23478, 25349,
                new PortRange(40000, 40099), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", null,
                true, "cli-password-0123456789", List.of(), List.of("::1"));
        List<String> l = lines(RENDERER.renderTurnServerConf(TurnServerSpec.local(both)));
        assertThat(l).as("localhost TURN URIs reach coturn over ::1 as well; relays stay on 127.0.0.1")
                .containsSubsequence("listening-ip=127.0.0.1", "listening-ip=::1", "relay-ip=127.0.0.1");
        TurnServerSpec production = TurnServerSpec.production(Stacks.load("prod"), List.of(Stacks.SECRET));
        assertThat(lines(RENDERER.renderTurnServerConf(production)).stream()
                .filter(x -> x.startsWith("listening-ip=")).count()).as("production: the private IP only").isOne();
        assertThatThrownBy(() -> new TurnServerSpec("production", "t.example.com", "10.0.0.2", "10.0.0.2", null, 3478,
                5349, new PortRange(49152, 50151), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", 10,
                300, 250_000, 100_000_000, List.of(), false, null, null, List.of(), List.of("::1")))
                .hasMessageContaining("local profile only");
    }

    @Test
    void localProfileAllowsTheMachinesOwnAddressesAndProductionNever() {
        TurnServerSpec.LocalOptions own = new TurnServerSpec.LocalOptions("turn.localhost.test", 23478, 25349,
                new PortRange(40000, 40099), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", null,
                true, "cli-password-0123456789", List.of("192.0.2.2", "10.1.2.3"));
        List<String> l = lines(RENDERER.renderTurnServerConf(TurnServerSpec.local(own)));
        assertThat(l).as("the machine's own addresses are allowed peers; their ranges stay denied otherwise")
                .contains("allowed-peer-ip=192.0.2.2", "allowed-peer-ip=10.1.2.3",
                        "denied-peer-ip=192.0.2.0-192.0.2.255", "denied-peer-ip=10.0.0.0-10.255.255.255");
        TurnServerSpec production = TurnServerSpec.production(Stacks.load("prod"), List.of(Stacks.SECRET));
        assertThat(lines(RENDERER.renderTurnServerConf(production))).noneMatch(x -> x.startsWith("allowed-peer-ip"));
        assertThatThrownBy(() -> new TurnServerSpec("production", "t.example.com", "10.0.0.2", "10.0.0.2", null, 3478,
                5349, new PortRange(49152, 50151), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", 10,
                300, 250_000, 100_000_000, List.of(), false, null, null, List.of("10.0.0.2")))
                .hasMessageContaining("local profile only");
        assertThatThrownBy(() -> TurnServerSpec.local(new TurnServerSpec.LocalOptions("r.test", 1, 2,
                new PortRange(40000, 40099), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", null,
                false, null, List.of("10.0.0.0-10.255.255.255")))).hasMessageContaining("single addresses");
    }

    @Test
    void missingValueFailsTheRender() {
        TurnServerSpec broken = new TurnServerSpec("production", null, "10.0.0.2", "10.0.0.2", null, 3478, 5349,
                new PortRange(49152, 50151), CoturnVersion.of("4.6.1"), List.of(Stacks.SECRET), "/c", "/k", 10, 300,
                250_000, 100_000_000, List.of(), false, null, null, List.of());
        assertThatThrownBy(() -> RENDERER.renderTurnServerConf(broken))
                .as("strict mode: a missing realm is an error, not an empty line")
                .isInstanceOf(RenderException.class).hasMessageStartingWith("templates/turnserver.conf.ftl:");
    }
}
