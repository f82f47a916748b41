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
}
