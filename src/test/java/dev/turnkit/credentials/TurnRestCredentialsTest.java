package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnRestCredentialsTest {
    private static final byte[] SECRET = "foobar".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesPionFixedVector() {
        // pion/turn lt_cred_test.go: secret "foobar", username "1599491771" -> Tpz/nKkyvX/vMSLKvL4sbtBt8Vs=
        assertThat(TurnRestCredentials.password(SECRET, "1599491771")).isEqualTo("Tpz/nKkyvX/vMSLKvL4sbtBt8Vs=");
    }

    @Test
    void usernameCarriesTheExpiryNotTheIssueTime() {
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        TurnRestCredentials c = TurnRestCredentials.issue(SECRET, "alice", Duration.ofHours(1), now);
        assertThat(c.username()).isEqualTo("1700003600:alice");
        assertThat(c.expiresAt()).isEqualTo(Instant.ofEpochSecond(1_700_003_600L));
        assertThat(c.password()).isEqualTo(TurnRestCredentials.password(SECRET, "1700003600:alice"));
    }

    @Test
    void toStringNeverShowsThePassword() {
        TurnRestCredentials c = TurnRestCredentials.issue(SECRET, "alice", Duration.ofMinutes(5), Instant.now());
        assertThat(c.toString()).doesNotContain(c.password()).contains("<redacted>");
    }

    @Test
    void rejectsBadInput() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> TurnRestCredentials.issue(new byte[0], "a", Duration.ofMinutes(1), now))
                .hasMessageContaining("secret is empty");
        assertThatThrownBy(() -> TurnRestCredentials.issue(SECRET, "a:b", Duration.ofMinutes(1), now))
                .hasMessageContaining("no ':'");
        assertThatThrownBy(() -> TurnRestCredentials.issue(SECRET, "a", Duration.ZERO, now))
                .hasMessageContaining("TTL must be positive");
    }
}
