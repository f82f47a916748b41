package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorsTest {
    @ParameterizedTest
    @ValueSource(strings = {"my-app-1234", "demo-turnkit", "abcdef", "a23456789012345678901234567890"})
    void acceptsProjectIds(String id) {
        assertThat(Validators.isProjectId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abcde", "1abcdef", "My-App-1", "my-app-", "my_app_1", "a234567890123456789012345678901"})
    void refusesWhatIsNotAProjectId(String id) {
        assertThat(Validators.isProjectId(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com", "http://localhost:5173", "http://127.0.0.1:8080",
            "https://[::1]:8443"})
    void acceptsExactOrigins(String origin) {
        assertThat(Validators.isOrigin(origin)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/", "https://*.example.com", "ftp://example.com",
            "https://App.Example.com", "https://user@example.com", "https://example.com/path", "example.com",
            "https://example.com?x=1"})
    void refusesWhatIsNotAnExactOrigin(String origin) {
        assertThat(Validators.isOrigin(origin)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"turn.example.com", "a.b", "x-1.example.org", "example.co"})
    void acceptsHostnames(String name) {
        assertThat(Validators.isHostname(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "Turn.Example.com", "turn.example.com.", "1.2.3.4", "-a.example.com",
            "a..example.com", "turn_1.example.com"})
    void refusesWhatIsNotAHostname(String name) {
        assertThat(Validators.isHostname(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void valueShapesOfTheStackFile() {
        assertThat(Validators.isEmail("ops@example.com")).isTrue();
        assertThat(Validators.isEmail("ops@example")).isFalse();
        assertThat(Validators.isSshPublicKey("ssh-ed25519 AAAAC3Nza you@host")).isTrue();
        assertThat(Validators.isSshPublicKey("-----BEGIN OPENSSH PRIVATE KEY-----")).isFalse();
        assertThat(Validators.isSha256Hex("a".repeat(64))).isTrue();
        assertThat(Validators.isSha256Hex("A".repeat(64))).as("sha256sum prints lower case").isFalse();
        assertThat(Validators.isCompartmentOcid("ocid1.tenancy.oc1..aaaaexample")).isTrue();
        assertThat(Validators.isCompartmentOcid("ocid1.instance.oc1..aaaaexample")).isFalse();
        assertThat(Validators.isAvailabilityDomain("Uocm:EU-FRANKFURT-1-AD-1")).isTrue();
        assertThat(Validators.isAvailabilityDomain("EU-FRANKFURT-1-AD-1")).isFalse();
        assertThat(Validators.isHttpsUrl("https://example.com/turnkit.jar")).isTrue();
        assertThat(Validators.isHttpsUrl("https://example.com/$(reboot)")).as("lands in a shell script").isFalse();
        assertThat(Validators.isHttpsUrl("http://example.com/turnkit.jar")).isFalse();
    }
}
