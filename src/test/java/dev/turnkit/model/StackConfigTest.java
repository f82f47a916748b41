package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    /** A complete, valid config in the form the Pulumi program sees it (all values strings). */
    static Map<String, Object> valid() {
        return dev.turnkit.testsupport.StackMaps.valid();
    }

    static Map<String, Object> with(String key, Object value) {
        Map<String, Object> m = valid();
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    static List<String> problems(Map<String, Object> config) {
        try {
            StackConfig.fromMap("dev", config);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a ConfigException for " + config);
    }

    @Test
    void defaultsFollowTheHardenedReference() {
        StackConfig c = StackConfig.fromMap("dev", valid());
        assertThat(c.ports().listening()).as("standard STUN/TURN port").isEqualTo(3478);
        assertThat(c.ports().tls()).as("turns: on 5349, 443 is the credentials API").isEqualTo(5349);
        assertThat(c.ports().credentials()).isEqualTo(443);
        assertThat(c.ports().relay()).isEqualTo(new PortRange(49152, 50151));
        assertThat(c.instance().shape()).isEqualTo(Shape.A1_FLEX);
        assertThat(c.instance().os()).isEqualTo(HostOs.UBUNTU);
        assertThat(c.coturn().version()).isEqualTo(CoturnVersion.of("4.6.1"));
        assertThat(c.coturn().userQuota()).isEqualTo(10);
        assertThat(c.coturn().totalQuota()).isEqualTo(300);
        assertThat(c.coturn().maxBps()).isEqualTo(250_000);
        assertThat(c.coturn().bpsCapacity()).isEqualTo(100_000_000);
        assertThat(c.network().vcnCidr()).hasToString("10.0.0.0/16");
        assertThat(c.network().subnetCidr()).hasToString("10.0.0.0/24");
        assertThat(c.oci().availabilityDomains())
                .as("JSON array strings from the Pulumi engine are lists")
                .containsExactly("Uocm:EU-FRANKFURT-1-AD-1", "Uocm:EU-FRANKFURT-1-AD-2");
        assertThat(c.oci().allowPaid()).isFalse();
        assertThat(c.secrets().turnSecret()).isEqualTo(new SecretSource.File("turnkit:turnSecretFile",
                "secrets/turn-secret"));
        assertThat(c.secrets().previousTurnSecret()).isEmpty();
        assertThat(c.credentials().maxTtlSeconds()).isEqualTo(3600);
    }

    @Test
    void microShapeDefaultsToItsSmallBandwidth() {
        StackConfig c = StackConfig.fromMap("dev", with("turnkit:shape", "VM.Standard.E2.1.Micro"));
        assertThat(c.coturn().bpsCapacity()).as("Micro: at most 50 Mbps to the internet").isEqualTo(5_000_000);
        assertThat(c.instance().memoryGb()).isEqualTo(1);
    }

    @Test
    void exampleStacksAreValid() throws IOException {
        for (String stack : List.of("dev", "prod")) {
            String yaml = Files.readString(Path.of("stacks", "Pulumi." + stack + ".yaml"));
            StackConfig c = StackConfig.fromYaml(stack, yaml);
            assertThat(c.stack()).isEqualTo(stack);
            assertThat(c.network().publicIp()).as(stack + " has a preview public IP").isPresent();
        }
        StackConfig prod = StackConfig.fromYaml("prod", Files.readString(Path.of("stacks", "Pulumi.prod.yaml")));
        assertThat(prod.secrets().previousTurnSecret()).as("prod shows N/N-1 rotation").isPresent();
        assertThat(prod.instance().ocpus()).isEqualTo(2);
    }

    @Test
    void deploySshSettingsDefaultToOpenSshsAndAreValidated() {
        StackConfig plain = StackConfig.fromMap("dev", valid());
        assertThat(plain.ssh()).isEqualTo(new StackConfig.Ssh("root", 22, Optional.empty(), Optional.empty(),
                Optional.empty()));

        Map<String, Object> m = valid();
        m.put("turnkit:sshUser", "ubuntu");
        m.put("turnkit:sshPort", 2222);
        m.put("turnkit:sshIdentityFile", ".turnkit/dev/id_ed25519");
        m.put("turnkit:sshKnownHostsFile", "");
        m.put("turnkit:sshHostKeyFingerprint", "SHA256:" + "A".repeat(43));
        assertThat(StackConfig.fromMap("dev", m).ssh()).isEqualTo(new StackConfig.Ssh("ubuntu", 2222,
                Optional.of(".turnkit/dev/id_ed25519"), Optional.empty(), Optional.of("SHA256:" + "A".repeat(43))));

        assertThat(problems(with("turnkit:sshHostKeyFingerprint", "MD5:aa:bb"))).singleElement().asString()
                .contains("turnkit:sshHostKeyFingerprint", "SHA256:", "ssh-keygen -lf");
        assertThat(problems(with("turnkit:sshPort", 0))).singleElement().asString().contains("turnkit:sshPort");
        assertThat(problems(with("turnkit:sshUser", "root; rm -rf /"))).singleElement().asString()
                .contains("turnkit:sshUser", "Unix user name");
    }

    @Test
    void exampleStacksHoldNoSecretValues() throws IOException {
        for (String stack : List.of("dev", "prod")) {
            String yaml = Files.readString(Path.of("stacks", "Pulumi." + stack + ".yaml"));
            assertThat(yaml).as("stack files must not carry secrets").doesNotContain("secure:")
                    .doesNotContain("turnkit:turnSecret:").doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void secureValuesAreRecognisedAndNeverDecoded() {
        String yaml = """
                secretsprovider: passphrase
                encryptionsalt: v1:abc
                config:
                  turnkit:domain: turn.example.com
                  turnkit:privateIp: 10.0.0.10
                  turnkit:adminSshCidr: 198.51.100.7/32
                  turnkit:acmeEmail: ops@example.com
                  turnkit:sshPublicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample ops@example
                  turnkit:firebaseProjectId: example-webrtc
                  turnkit:compartmentId: ocid1.tenancy.oc1..aaaaaaaaexample
                  turnkit:availabilityDomains: [Uocm:EU-FRANKFURT-1-AD-1]
                  turnkit:turnSecret:
                    secure: v1:Zm9vYmFy:c2VjcmV0Y2lwaGVydGV4dA==
                """;
        StackConfig c = StackConfig.fromYaml("prod", yaml);
        assertThat(c.secrets().turnSecret()).isEqualTo(new SecretSource.PulumiSecret("turnkit:turnSecret"));
        assertThat(c.toString()).as("the ciphertext is not kept").doesNotContain("c2VjcmV0Y2lwaGVydGV4dA");
        assertThat(c.network().publicIp()).as("public IP may come from Pulumi later").isEmpty();
    }

    @Test
    void pulumiEngineConfigKeepsNoDecryptedSecret() {
        Map<String, String> engine = new LinkedHashMap<>();
        valid().forEach((key, v) -> engine.put(key, String.valueOf(v)));
        engine.remove("turnkit:turnSecretFile");
        engine.put("turnkit:turnSecret", "decrypted-by-the-engine-0123456789");
        StackConfig c = StackConfig.fromPulumiConfig("prod", engine, List.of("turnkit:turnSecret"));
        assertThat(c.secrets().turnSecret()).isEqualTo(new SecretSource.PulumiSecret("turnkit:turnSecret"));
        assertThat(c.toString()).doesNotContain("decrypted-by-the-engine");
    }

    @Test
    void encryptedValueOfAPlainKeyIsRejectedNotDecoded() {
        assertThat(problems(with("turnkit:domain", Map.of("secure", "v1:abc"))))
                .containsExactly("turnkit:domain: encrypted (secure:) value — this key is not a secret; set it with "
                        + "'pulumi config set turnkit:domain VALUE' (without --secret)");
    }

    @Test
    void plaintextSecretIsRejected() {
        assertThat(problems(with("turnkit:turnSecret", "hunter2")))
                .anySatisfy(p -> assertThat(p).startsWith("turnkit:turnSecret: plaintext value")
                        .contains("pulumi config set --secret").doesNotContain("hunter2"));
    }

    @Test
    void missingSecretSaysWhereToPutIt() {
        assertThat(problems(with("turnkit:turnSecretFile", null)))
                .containsExactly("turnkit:turnSecretFile: missing — the TURN shared secret (use-auth-secret) must "
                        + "come from 'pulumi config set --secret turnkit:turnSecret' or from a file named by "
                        + "turnkit:turnSecretFile (e.g. generated with 'openssl rand -base64 32')");
    }

    @Test
    void unknownShape() {
        assertThat(problems(with("turnkit:shape", "VM.Standard.E4.Flex"))).containsExactly(
                "turnkit:shape: 'VM.Standard.E4.Flex' — allowed: VM.Standard.A1.Flex | VM.Standard.E2.1.Micro "
                        + "(the Always Free shapes)");
    }

    @Test
    void portClash() {
        assertThat(problems(with("turnkit:credentialsPort", "5349"))).containsExactly(
                "turnkit:credentialsPort: 5349 — clashes with turnkit:tlsListeningPort; every listener needs its own "
                        + "port");
    }

    @Test
    void listenerOnAcmeOrSshPortIsRejected() {
        assertThat(problems(with("turnkit:credentialsPort", 80)))
                .anySatisfy(p -> assertThat(p).startsWith("turnkit:credentialsPort: 80 — reserved for the ACME"));
    }

    @Test
    void relayRangeOverlappingAListeningPort() {
        Map<String, Object> m = with("turnkit:relayMinPort", "3000");
        m.put("turnkit:relayMaxPort", "4000");
        assertThat(problems(m)).containsExactly("turnkit:relayMinPort/turnkit:relayMaxPort: 3000-4000 — overlaps "
                + "turnkit:listeningPort 3478; the relay range must not contain a listening port");
    }

    @Test
    void invertedRelayRange() {
        Map<String, Object> m = with("turnkit:relayMinPort", 50000);
        m.put("turnkit:relayMaxPort", 49999);
        assertThat(problems(m)).containsExactly(
                "turnkit:relayMinPort: 50000 — must not exceed turnkit:relayMaxPort (49999)");
    }

    @Test
    void badCidr() {
        assertThat(problems(with("turnkit:adminSshCidr", "198.51.100.7/33"))).containsExactly(
                "turnkit:adminSshCidr: '198.51.100.7/33' — expected an IPv4 CIDR such as 203.0.113.7/32 "
                        + "(host bits zero)");
        assertThat(problems(with("turnkit:vcnCidr", "10.0.0.1/16")))
                .as("host bits set").anySatisfy(p -> assertThat(p).startsWith("turnkit:vcnCidr: '10.0.0.1/16'"));
    }

    @Test
    void sshOpenToTheWorldIsRejected() {
        assertThat(problems(with("turnkit:adminSshCidr", "0.0.0.0/0")))
                .singleElement().asString().contains("SSH must never be open to the whole internet");
    }

    @Test
    void missingDomain() {
        assertThat(problems(with("turnkit:domain", null))).containsExactly(
                "turnkit:domain: missing — the TURN server's DNS name, e.g. turn.example.com");
    }

    @Test
    void badDomain() {
        assertThat(problems(with("turnkit:domain", "localhost")))
                .singleElement().asString().startsWith("turnkit:domain: 'localhost' — expected a lowercase DNS name");
    }

    @Test
    void badIps() {
        assertThat(problems(with("turnkit:privateIp", "10.0.0.300"))).containsExactly(
                "turnkit:privateIp: '10.0.0.300' — expected an IPv4 address, e.g. 10.0.0.10");
        assertThat(problems(with("turnkit:publicIp", "10.1.2.3"))).singleElement().asString()
                .startsWith("turnkit:publicIp: 10.1.2.3 — a private, shared, loopback");
        assertThat(problems(with("turnkit:publicIp", "turn.example.com"))).singleElement().asString()
                .as("coturn needs a literal IP, not a host name")
                .startsWith("turnkit:publicIp: 'turn.example.com' — expected an IPv4 address");
    }

    @Test
    void privateIpOutsideTheSubnet() {
        assertThat(problems(with("turnkit:privateIp", "10.0.1.10"))).containsExactly(
                "turnkit:privateIp: 10.0.1.10 — must lie inside turnkit:subnetCidr 10.0.0.0/24");
        assertThat(problems(with("turnkit:privateIp", "10.0.0.1"))).singleElement().asString()
                .contains("OCI reserves the first two and the last address");
    }

    @Test
    void subnetOutsideTheVcn() {
        assertThat(problems(with("turnkit:subnetCidr", "10.1.0.0/24"))).contains(
                "turnkit:subnetCidr: 10.1.0.0/24 — must lie inside turnkit:vcnCidr 10.0.0.0/16");
    }

    @Test
    void shapeLimitsAreTheModelsTheFreeTierIsThePulumiProgramsPolicy() {
        assertThat(StackConfig.fromMap("dev", with("turnkit:ocpus", "4")).instance().ocpus())
                .as("beyond the Always Free allowance is a policy question for infra.FreeTierLimits, not bad config")
                .isEqualTo(4);
        assertThat(problems(with("turnkit:ocpus", "81"))).singleElement().asString()
                .startsWith("turnkit:ocpus: 81 — allowed: 1 to 80");
        assertThat(problems(with("turnkit:bootVolumeGb", "20"))).singleElement().asString()
                .startsWith("turnkit:bootVolumeGb: 20 — allowed: 47 to 32768");
    }

    @Test
    void microHasAFixedSizeAndBandwidth() {
        Map<String, Object> m = with("turnkit:shape", "VM.Standard.E2.1.Micro");
        m.put("turnkit:ocpus", 2);
        m.put("turnkit:bpsCapacity", 100_000_000);
        assertThat(problems(m)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("the Micro shape has a fixed size"))
                .anySatisfy(p -> assertThat(p).startsWith("turnkit:bpsCapacity: 100000000 — at most 6250000"));
    }

    @Test
    void quotasMustBeConsistent() {
        Map<String, Object> m = with("turnkit:userQuota", 20);
        m.put("turnkit:totalQuota", 10);
        m.put("turnkit:maxBps", 200_000_000);
        assertThat(problems(m))
                .contains("turnkit:totalQuota: 10 — must be at least turnkit:userQuota (20)")
                .contains("turnkit:maxBps: 200000000 — must not exceed turnkit:bpsCapacity (100000000 bytes/s)");
    }

    @Test
    void coturnVersionIsChecked() {
        assertThat(problems(with("turnkit:coturnVersion", "latest"))).singleElement().asString()
                .startsWith("turnkit:coturnVersion: 'latest' — expected the output of 'turnserver --version'");
        assertThat(problems(with("turnkit:coturnVersion", "4.5.1.3"))).singleElement().asString()
                .startsWith("turnkit:coturnVersion: 4.5.1.3 — allowed: 4.5.2 or newer");
    }

    @Test
    void oldCoturnOnArmIsAWarningNotAnError() {
        StackConfig c = StackConfig.fromMap("dev", valid());
        assertThat(c.warnings()).singleElement().asString().contains("older than 4.10.0").contains("ARM64");
        assertThat(StackConfig.fromMap("dev", with("turnkit:coturnVersion", "4.17.1")).warnings()).isEmpty();
    }

    @Test
    void originsMustBeExact() {
        assertThat(problems(with("turnkit:allowedOrigins", List.of("https://app.example.com/", "*"))))
                .hasSize(2).allSatisfy(p -> assertThat(p).startsWith("turnkit:allowedOrigins: '"));
    }

    @Test
    void unknownKeyIsATypoNotSilence() {
        assertThat(problems(with("turnkit:listenPort", 3478))).singleElement().asString()
                .startsWith("turnkit:listenPort: unknown key");
    }

    @Test
    void jarUrlNeedsAChecksum() {
        assertThat(problems(with("turnkit:turnkitJarUrl", "https://example.com/turnkit.jar")))
                .singleElement().asString().startsWith("turnkit:turnkitJarSha256: missing");
    }

    @Test
    void theUploadUrlLivesTwoHoursByDefaultAndNeverUnderHalfAnHourNorOverADay() {
        assertThat(StackConfig.fromMap("t", valid()).release().uploadUrlMinutes()).isEqualTo(120);
        assertThat(problems(with("turnkit:turnkitJarUploadMinutes", 10))).singleElement().asString()
                .startsWith("turnkit:turnkitJarUploadMinutes: ");
        assertThat(problems(with("turnkit:turnkitJarUploadMinutes", 2880))).singleElement().asString()
                .startsWith("turnkit:turnkitJarUploadMinutes: ");
    }

    @Test
    void dnsZoneMustContainTheDomain() {
        assertThat(problems(with("turnkit:dnsZone", "example.org"))).singleElement().asString()
                .contains("must be a name inside the zone");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, Object> m = valid();
        m.remove("turnkit:domain");
        m.put("turnkit:shape", "VM.Huge");
        m.put("turnkit:tlsListeningPort", "3478");
        m.put("turnkit:subnetCidr", "10.0.0.0/33");
        m.put("turnkit:acmeEmail", "nobody");
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> StackConfig.fromMap("dev", m));
        assertThat(e.problems()).hasSize(5)
                .allSatisfy(p -> assertThat(p).as("each line names its key").startsWith("turnkit:"));
        assertThat(e.getMessage()).startsWith("5 problems:");
    }

    @Test
    void keysWithoutNamespaceAreAcceptedAndOtherNamespacesIgnored() {
        Map<String, Object> m = new LinkedHashMap<>();
        valid().forEach((key, v) -> m.put(key.replace("turnkit:", ""), v));
        m.put("gcp:project", "whatever");
        assertThat(StackConfig.fromMap("dev", m).domain()).isEqualTo("turn.example.com");
    }

    @Test
    void badYamlIsOneClearLine() {
        assertThatThrownBy(() -> StackConfig.fromYaml("dev", "config: [unclosed"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("Pulumi.dev.yaml: not valid YAML");
        assertThatThrownBy(() -> StackConfig.fromYaml("dev", "foo: 1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing 'config:'");
    }

    @Test
    void addressesCanBeOverriddenForPreviewsAndAreValidated() {
        StackConfig c = StackConfig.fromMap("dev", valid()).withAddresses("198.51.100.99", "10.0.0.77");
        assertThat(c.network().publicIp()).contains("198.51.100.99");
        assertThat(c.network().privateIp()).isEqualTo("10.0.0.77");
        assertThatThrownBy(() -> StackConfig.fromMap("dev", valid()).withAddresses(null, "192.168.1.5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must lie inside turnkit:subnetCidr");
    }
}
