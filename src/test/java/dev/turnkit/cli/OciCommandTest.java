package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.testsupport.FakeOci;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit oci doctor|capacity}, {@code plan} with live limits and {@code check --oci-egress}, on {@link FakeOci}. */
class OciCommandTest {
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static FakeOci fake;
    static FakeOci.ApiKey key;
    Path config;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOci(shared);
        key = FakeOci.apiKey(shared, "tk14-cli-key");
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    @BeforeEach
    void reset() throws Exception {
        fake.reset();
        fake.register(key.keyId(), key.pair().getPublic());
        Files.setPosixFilePermissions(key.pem(), PosixFilePermissions.fromString("rw-------"));
        config = FakeOci.configFile(dir, "DEFAULT", key, key.fingerprint(), "eu-frankfurt-1");
        Files.writeString(dir.resolve("Pulumi.tk14.yaml"), FakeOci.stackYaml(2, 12));
        Files.writeString(dir.resolve("Pulumi.big.yaml"), FakeOci.stackYaml(2, 12).replace("ocpus: 2", "ocpus: 3")
                .replace("memoryGb: 12", "memoryGb: 18"));
    }

    private MainTest.Result oci(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config-file", config.toString(), "--endpoint", fake.endpoint(), "--ca-file",
                fake.caPem().toString(), "--stacks-dir", dir.toString()));
        return MainTest.run(all.toArray(String[]::new));
    }

    @Test
    void doctorSaysTheStackFits() throws Exception {
        MainTest.Result r = oci("oci", "doctor", "--stack", "tk14", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("verdict").asText()).isEqualTo("fits");
        assertThat(doc.path("user").asText()).isEqualTo("tk14-ops@example.com");
        assertThat(doc.path("inHomeRegion").asBoolean()).isTrue();
        assertThat(doc.path("limits")).hasSize(5);
        assertThat(fake.requests()).allSatisfy(q -> assertThat(q.status()).isEqualTo(200));
    }

    @Test
    void doctorSaysWhichLimitBreaksAndExitsTwo() {
        fake.limits.put("standard-a1-core-regional-count", new FakeOci.Limit(1, 1));
        MainTest.Result r = oci("oci", "doctor", "--stack", "tk14");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("SHORT", "A1 OCPUs: needs 2, 1 available", "Verdict: does not fit");
        assertThat(r.err()).contains("short by 1: lower turnkit:ocpus");
    }

    @Test
    void everyConfigProblemExitsThreeWithOneLineAndSendsNothing() throws Exception {
        Path otherKey = FakeOci.apiKey(dir, "tk14-missing").pem();
        Files.delete(otherKey);
        String good = Files.readString(config);
        List<String[]> cases = List.of(
                new String[] {good.replace(key.pem().toString(), otherKey.toString()), "rw-------", "DEFAULT",
                    "does not exist"},
                new String[] {good.replace(key.fingerprint(), "00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff"),
                    "rw-------", "DEFAULT", "does not match the key"},
                new String[] {good, "---------", "DEFAULT", "is not readable by its owner"},
                new String[] {good, "rw-------", "PROD", "no profile [PROD]"},
                new String[] {good, "rw-r-----", "DEFAULT", "is readable by others"},
                new String[] {good, "rw-r--r--", "DEFAULT", "is readable by others"});
        for (String[] c : cases) {
            Files.writeString(config, c[0]);
            Files.setPosixFilePermissions(key.pem(), PosixFilePermissions.fromString(c[1]));
            for (String[] command : List.of(new String[] {"oci", "doctor", "--profile", c[2]},
                    new String[] {"oci", "capacity", "--stack", "tk14", "--profile", c[2]},
                    new String[] {"plan", "--stack", "tk14", "--profile", c[2]})) {
                MainTest.Result r = oci(command);
                assertThat(r.code()).as(String.join(" ", command) + " with " + c[3] + ": " + r.err()).isEqualTo(3);
                assertThat(r.err().strip()).startsWith("turnkit: ").contains(c[3]).doesNotContain("\n");
            }
            MainTest.Result check = MainTest.run("check", "--oci-egress", "ocid1.vnic.oc1..tk14", "--oci-profile",
                    c[2], "--oci-config-file", config.toString(), "--oci-endpoint", fake.endpoint(), "--oci-ca-file",
                    fake.caPem().toString());
            assertThat(check.code()).isEqualTo(3);
            assertThat(check.err().strip()).contains(c[3]).doesNotContain("\n");
        }
        assertThat(fake.requests()).as("no request before the config is valid").isEmpty();
    }

    @Test
    void capacityJsonPutsTheAdWithCapacityFirst() throws Exception {
        fake.capacity.put("Uocm:EU-FRANKFURT-1-AD-1", new FakeOci.Capacity("OUT_OF_HOST_CAPACITY", 0));
        fake.capacity.put("Uocm:EU-FRANKFURT-1-AD-2", new FakeOci.Capacity("AVAILABLE", 2));
        MainTest.Result r = oci("oci", "capacity", "--stack", "tk14", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("suggestedOrder").get(0).asText()).isEqualTo("Uocm:EU-FRANKFURT-1-AD-2");
        assertThat(fake.count("computeCapacityReports")).isEqualTo(2);

        fake.capacity.put("Uocm:EU-FRANKFURT-1-AD-2", new FakeOci.Capacity("OUT_OF_HOST_CAPACITY", 0));
        MainTest.Result none = oci("oci", "capacity", "--stack", "tk14");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no availability domain has capacity");
    }

    @Test
    void planUsesTheLiveLimitsWhenAnOciConfigExistsAndSaysSo() throws Exception {
        fake.limits.put("standard-a1-core-regional-count", new FakeOci.Limit(1, 1));
        MainTest.Result live = oci("plan", "--stack", "tk14");
        assertThat(live.code()).isEqualTo(2);
        assertThat(live.out()).contains("limits: live limits of tenancy " + FakeOci.TENANCY);
        assertThat(live.err()).contains("the 1 OCPUs still available in the tenancy (live limits)");

        Files.createDirectories(dir.resolve("target"));
        Files.writeString(dir.resolve("target/turnkit.jar"), "PK laptop build");
        MainTest.Result offline = oci("plan", "--stack", "tk14", "--offline-limits", "--project-dir", dir.toString());
        assertThat(offline.code()).as(offline.err()).isZero();
        assertThat(offline.out()).contains("limits: built-in Always Free figures");

        fake.reset();
        MainTest.Result noConfig = MainTest.run("plan", "--stack", "big", "--stacks-dir", dir.toString(),
                "--config-file", dir.resolve("absent").toString());
        assertThat(noConfig.code()).isEqualTo(2);
        assertThat(noConfig.out()).contains("limits: built-in Always Free figures", "no OCI config at");
        assertThat(noConfig.err()).contains("Always Free allowance of 2 OCPUs");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void checkOciEgressAloneReportsTheVnicsMonth() throws Exception {
        fake.egressDatapoints = List.of(0.0);
        MainTest.Result r = MainTest.run("check", "--json", "--oci-egress", "ocid1.vnic.oc1.eu-frankfurt-1.tk14",
                "--oci-config-file", config.toString(), "--oci-endpoint", fake.endpoint(), "--oci-ca-file",
                fake.caPem().toString(), "--oci-compartment", FakeOci.COMPARTMENT);
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode check = new ObjectMapper().readTree(r.out()).path("checks").get(0);
        assertThat(check.path("name").asText()).isEqualTo("oci-egress");
        assertThat(check.path("status").asText()).isEqualTo("OK");
        assertThat(check.path("detail").asText()).contains("0.00 TB this month", "of the 10 TB allowance");
        assertThat(fake.requests()).singleElement().satisfies(q -> assertThat(q.query())
                .contains("compartmentId=" + FakeOci.COMPARTMENT));
    }
}
