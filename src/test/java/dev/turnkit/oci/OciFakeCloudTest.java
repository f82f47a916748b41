package dev.turnkit.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.model.StackConfig;
import dev.turnkit.testsupport.FakeOci;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oci package against {@link FakeOci}: signed requests, documented shapes, no cloud. */
class OciFakeCloudTest {
    static final String AD1 = "Uocm:EU-FRANKFURT-1-AD-1";
    static final String AD2 = "Uocm:EU-FRANKFURT-1-AD-2";
    static final String AD3 = "Uocm:EU-FRANKFURT-1-AD-3";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static FakeOci fake;
    static FakeOci.ApiKey key;
    final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeOci(shared);
        key = FakeOci.apiKey(shared, "tk14-api-key");
    }

    @BeforeEach
    void reset() {
        fake.reset();
        fake.register(key.keyId(), key.pair().getPublic());
    }

    @AfterAll
    static void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    OciSession session() throws Exception {
        Path config = FakeOci.configFile(dir, "DEFAULT", key, key.fingerprint(), "eu-frankfurt-1");
        return new OciSession(OciProfile.load(config, "DEFAULT"), fake.endpoint(), OciTls.trusting(fake.caPem()),
                new Backoff(4, Duration.ofMillis(5), pauses::add));
    }

    static StackConfig stack(int ocpus, int memoryGb) {
        return StackConfig.fromYaml("tk14", FakeOci.stackYaml(ocpus, memoryGb));
    }

    @Test
    void aStackWithinTheLiveLimitsFits() throws Exception {
        try (OciSession s = session()) {
            Doctor.Report r = Doctor.run(s, stack(2, 12));
            assertThat(r.identity().userName()).isEqualTo("tk14-ops@example.com");
            assertThat(r.identity().tenancyName()).isEqualTo("tk14tenancy");
            assertThat(r.identity().inHomeRegion()).isTrue();
            assertThat(r.verdict()).isEqualTo("fits");
            assertThat(r.problems()).isEmpty();
            assertThat(r.limits().usage("standard-a1-core-regional-count").available()).isEqualTo(2);
        }
        assertThat(fake.requests()).as("3 identity + 5 limits requests, all accepted").hasSize(8)
                .allSatisfy(q -> assertThat(q.status()).isEqualTo(200));
        assertThat(fake.requests()).filteredOn(q -> q.path().contains("vm-standard-e2-1-micro-count"))
                .singleElement().satisfies(q -> assertThat(q.query()).contains("availabilityDomain="));
    }

    @Test
    void aStackBeyondTheLiveLimitsSaysWhichLimitAndByHowMuch() throws Exception {
        fake.limits.put("standard-a1-core-regional-count", new FakeOci.Limit(1, 1)); // another VM uses 1 OCPU
        fake.limits.put("standard-a1-memory-regional-count", new FakeOci.Limit(6, 6));
        try (OciSession s = session()) {
            Doctor.Report r = Doctor.run(s, stack(2, 12));
            assertThat(r.verdict()).isEqualTo("does not fit");
            assertThat(r.problems()).hasSize(2);
            assertThat(r.problems().get(0)).contains("A1 OCPUs: needs 2, 1 available (1 of 2 used)",
                    "short by 1", "turnkit:ocpus");
            assertThat(r.problems().get(1)).contains("A1 memory (GB): needs 12, 6 available", "short by 6");
        }
    }

    @Test
    void aRegionOtherThanTheHomeRegionIsAProblemWithItsFix() throws Exception {
        fake.homeRegion = "eu-amsterdam-1";
        try (OciSession s = session()) {
            Doctor.Report r = Doctor.run(s, null);
            assertThat(r.verdict()).isEqualTo("no stack");
            assertThat(r.problems()).singleElement().asString()
                    .contains("not the tenancy's home region eu-amsterdam-1", "region=eu-amsterdam-1");
        }
    }

    @Test
    void capacityInOneAdOnlyPutsThatAdFirst() throws Exception {
        fake.capacity.put(AD1, new FakeOci.Capacity("OUT_OF_HOST_CAPACITY", 0));
        fake.capacity.put(AD2, new FakeOci.Capacity("OUT_OF_HOST_CAPACITY", 0));
        fake.capacity.put(AD3, new FakeOci.Capacity("AVAILABLE", 3));
        try (OciSession s = session()) {
            CapacityPlanner.Report r = CapacityPlanner.run(s, stack(2, 12));
            assertThat(r.anyAvailable()).isTrue();
            assertThat(r.suggestedOrder()).containsExactly(AD3, AD1, AD2);
            assertThat(r.ads()).extracting(CapacityPlanner.AdCapacity::status)
                    .containsExactly("OUT_OF_HOST_CAPACITY", "OUT_OF_HOST_CAPACITY", "AVAILABLE");
        }
        assertThat(fake.requests()).filteredOn(q -> q.path().endsWith("computeCapacityReports"))
                .hasSize(3).allSatisfy(q -> assertThat(q.body()).contains("\"instanceShape\":\"VM.Standard.A1.Flex\"",
                        "\"ocpus\":2.0", "\"memoryInGBs\":12.0", "\"compartmentId\":\"" + FakeOci.TENANCY));
    }

    @Test
    void throttledTwiceThenAnsweredTakesThreeRequestsWithGrowingPauses() throws Exception {
        fake.capacity.put(AD1, new FakeOci.Capacity("AVAILABLE", 1));
        fake.throttleCapacityRequests.set(2);
        try (OciSession s = session()) {
            CapacityPlanner.Report r = CapacityPlanner.run(s, stack(2, 12));
            assertThat(r.suggestedOrder()).containsExactly(AD1);
        }
        assertThat(fake.requests()).filteredOn(q -> q.path().endsWith("computeCapacityReports"))
                .extracting(FakeOci.Request::status).containsExactly(429, 429, 200);
        assertThat(pauses).as("never a tight loop: a pause before each retry, doubling")
                .containsExactly(Duration.ofMillis(5), Duration.ofMillis(10));
    }

    @Test
    void throttledBeyondTheBoundGivesUpAfterFourRequests() throws Exception {
        fake.capacity.put(AD1, new FakeOci.Capacity("AVAILABLE", 1));
        fake.throttleCapacityRequests.set(100);
        try (OciSession s = session()) {
            assertThatThrownBy(() -> CapacityPlanner.run(s, stack(2, 12)))
                    .isInstanceOf(OciRequestException.class)
                    .hasMessageContaining("HTTP 429 TooManyRequests").hasMessageContaining("after 4 requests");
        }
        assertThat(fake.count("computeCapacityReports")).isEqualTo(4);
        assertThat(pauses).hasSize(3);
    }

    @Test
    void egressAtHalfOfTheAllowanceIsOkAt85WarningAt97Critical() throws Exception {
        // the 16th of a 30-day month at 00:00 UTC: 15 of 30 days gone, so the projection is twice month-to-date
        Clock clock = Clock.fixed(Instant.parse("2026-11-16T00:00:00Z"), ZoneOffset.UTC);
        String vnic = "ocid1.vnic.oc1.eu-frankfurt-1.tk14vnic";
        double[] percents = {50, 85, 97};
        Egress.Level[] expected = {Egress.Level.OK, Egress.Level.WARNING, Egress.Level.CRITICAL};
        try (OciSession s = session()) {
            for (int i = 0; i < percents.length; i++) {
                double monthToDate = Egress.ALLOWANCE_BYTES * percents[i] / 100 / 2;
                fake.egressDatapoints = List.of(monthToDate / 3, monthToDate / 3, monthToDate / 3);
                Egress.Report r = Egress.read(s, FakeOci.COMPARTMENT, vnic, clock);
                assertThat(r.projectedPercent()).isCloseTo(percents[i], org.assertj.core.data.Offset.offset(0.01));
                assertThat(r.level()).isEqualTo(expected[i]);
                assertThat(r.monthStart()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
            }
        }
        assertThat(fake.requests()).hasSize(3).allSatisfy(q -> {
            assertThat(q.status()).isEqualTo(200);
            assertThat(q.body()).contains("VnicToNetworkBytes[1d]{resourceId = \\\"" + vnic + "\\\"}.sum()",
                    "\"namespace\":\"oci_vcn\"");
        });
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedAsTheServiceDoes() throws Exception {
        FakeOci.ApiKey other = FakeOci.apiKey(dir, "tk14-other-key");
        // the service holds the first key's public half under the second key's id: the signature cannot verify
        fake.register(other.keyId(), key.pair().getPublic());
        Path config = FakeOci.configFile(dir, "DEFAULT", other, other.fingerprint(), "eu-frankfurt-1");
        try (OciSession s = new OciSession(OciProfile.load(config, "DEFAULT"), fake.endpoint(),
                OciTls.trusting(fake.caPem()), new Backoff(4, Duration.ofMillis(5), pauses::add))) {
            assertThatThrownBy(() -> Doctor.run(s, null)).isInstanceOf(OciRequestException.class)
                    .hasMessageContaining("HTTP 401 NotAuthenticated")
                    .hasMessageContaining("upload the public key");
        }
        assertThat(fake.requests()).singleElement().satisfies(q -> assertThat(q.status()).isEqualTo(401));
    }
}
