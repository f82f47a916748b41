package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceServersBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void bodyHasTheSeedFieldsAndReadyIceServers() throws Exception {
        IceServersBody body = new IceServersBody("turn.example.test", 3478, 5349, false);
        TurnRestCredentials issued = TurnRestCredentials.issue("0123456789abcdef".getBytes(), "alice",
                Duration.ofSeconds(600), Instant.parse("2026-01-01T00:00:00Z"));

        JsonNode json = JSON.readTree(body.render(issued, 600));

        List<String> turn = List.of("turn:turn.example.test:3478?transport=udp",
                "turn:turn.example.test:3478?transport=tcp", "turns:turn.example.test:5349?transport=tcp");
        assertThat(json.path("username").asText()).isEqualTo(issued.username());
        assertThat(json.path("password").asText()).isEqualTo(issued.password());
        assertThat(json.path("ttl").asLong()).isEqualTo(600);
        assertThat(json.path("expiresAt").asText()).isEqualTo("2026-01-01T00:10:00Z");
        assertThat(JSON.convertValue(json.path("uris"), List.class)).isEqualTo(turn);
        JsonNode ice = json.path("iceServers");
        assertThat(ice.size()).isEqualTo(2);
        assertThat(JSON.convertValue(ice.get(0).path("urls"), List.class))
                .containsExactly("stun:turn.example.test:3478");
        assertThat(ice.get(0).has("username")).as("STUN needs no credential").isFalse();
        assertThat(JSON.convertValue(ice.get(1).path("urls"), List.class)).isEqualTo(turn);
        assertThat(ice.get(1).path("username").asText()).isEqualTo(issued.username());
        assertThat(ice.get(1).path("credential").asText()).isEqualTo(issued.password());
    }

    @Test
    void turns443IsAddedOnlyWhenItIsAnotherPort() {
        assertThat(new IceServersBody("t.example", 3478, 5349, true).turnUris())
                .endsWith("turns:t.example:443?transport=tcp").hasSize(4);
        assertThat(new IceServersBody("t.example", 3478, 443, true).turnUris()).hasSize(3)
                .endsWith("turns:t.example:443?transport=tcp");
        assertThat(new IceServersBody("[2001:db8::1]", 3478, 5349, false).stunUri())
                .isEqualTo("stun:[2001:db8::1]:3478");
    }
}
