package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StackWarningsTest {

    private static StackConfig with(String key, String value) {
        Map<String, Object> m = StackConfigTest.valid();
        m.put("turnkit:coturnVersion", "4.17.1");
        m.put(key, value);
        return StackConfig.fromMap("dev", m);
    }

    @Test
    void aCurrentStackHasNoWarning() {
        assertThat(StackWarnings.of(with("turnkit:credentialsMaxTtl", "3600"))).isEmpty();
    }

    @Test
    void oldCoturnNamesTheCveAndArm64OnlyWhereItRunsThere() {
        assertThat(StackWarnings.of(with("turnkit:coturnVersion", "4.6.1"))).singleElement().asString()
                .startsWith("turnkit:coturnVersion: 4.6.1 is older than 4.10.0").contains("CVE-2026-40613")
                .endsWith("this stack runs on ARM64 (A1)");
        Map<String, Object> m = StackConfigTest.valid();
        m.put("turnkit:coturnVersion", "4.6.1");
        m.put("turnkit:shape", "VM.Standard.E2.1.Micro");
        assertThat(StackWarnings.of(StackConfig.fromMap("dev", m))).singleElement().asString()
                .doesNotContain("this stack runs on ARM64");
    }

    @Test
    void credentialsLongerThanAnHourCannotBeRevoked() {
        assertThat(StackWarnings.of(with("turnkit:credentialsMaxTtl", "7200"))).singleElement()
                .isEqualTo("turnkit:credentialsMaxTtl: 7200 s — above one hour; HMAC credentials cannot be "
                        + "revoked (design-notes.md §10, pitfall 3)");
    }
}
