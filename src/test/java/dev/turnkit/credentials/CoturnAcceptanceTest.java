package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.testsupport.CoturnServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials issued by the endpoint are accepted by real coturn, expired ones are refused, and during a rotation
 * (coturn holding current and previous secrets) credentials signed with either secret work. Allocations use the
 * project's own TURN client.
 */
@ExtendWith(SharedAuthEmulator.Resolver.class)
class CoturnAcceptanceTest {
    @TempDir
    static Path dir;

    private static final String CURRENT = TestSecrets.random();
    private static final String PREVIOUS = TestSecrets.random();

    private static AuthEmulator emulator;
    private static AuthEmulator.SignedInUser user;
    private static CoturnServer coturn;

    @BeforeAll
    static void start(AuthEmulator shared) {
        emulator = shared;
        user = emulator.signUp("turn-" + System.nanoTime() + "@example.com", "secret123");
        coturn = TurnAllocation.coturn(CURRENT, PREVIOUS);
    }

    @AfterAll
    static void stop() {
        if (coturn != null) {
            coturn.close();
        }
    }

    private CredentialsServer endpoint(String secret, String name) {
        CredentialsServerConfig config = CredentialsServerConfig.builder()
                .port(0)
                .projectId(emulator.projectId())
                .secretFile(TestSecrets.write(dir, name, secret, "rw-------"))
                .turnHost("127.0.0.1")
                .turnPort(coturn.port())
                .authEmulatorHost(emulator.hostPort())
                .build();
        return CredentialsServer.start(config, Map.of(), Clock.systemUTC(), new AccessLog(l -> { }));
    }

    private static CredentialsClient.Issued fetch(CredentialsServer server, Duration ttl) throws Exception {
        return new CredentialsClient(Duration.ofSeconds(10)).fetch(server.credentialsUri(), user.idToken(), ttl);
    }

    @Test
    void issuedCredentialsAllocateAndExpiredOnesAreRefused() throws Exception {
        try (CredentialsServer server = endpoint(CURRENT, "current-secret")) {
            CredentialsClient.Issued fresh = fetch(server, null);
            assertThat(fresh.uris()).contains("turn:127.0.0.1:" + coturn.port() + "?transport=udp");
            assertThat(TurnAllocation.allocate(coturn, fresh.username(), fresh.password()))
                    .as("coturn allocates with the endpoint's credentials\n" + coturn.logTail()).isZero();

            CredentialsClient.Issued shortLived = fetch(server, Duration.ofSeconds(1));
            assertThat(shortLived.ttl()).isEqualTo(1);
            while (!Instant.now().isAfter(shortLived.expiresAt().plusSeconds(1))) {
                Thread.sleep(200);
            }
            assertThat(TurnAllocation.allocate(coturn, shortLived.username(), shortLived.password()))
                    .as("coturn refuses a credential past its expiry").isEqualTo(401);
        }
    }

    @Test
    void credentialsSignedWithThePreviousSecretStillWorkDuringRotation() throws Exception {
        try (CredentialsServer beforeRotation = endpoint(PREVIOUS, "previous-secret")) {
            CredentialsClient.Issued old = fetch(beforeRotation, null);
            assertThat(TurnAllocation.allocate(coturn, old.username(), old.password()))
                    .as("a credential from before the rotation is still accepted").isZero();
        }
        TurnRestCredentials unknown = TurnRestCredentials.issue(
                TestSecrets.random().getBytes(StandardCharsets.UTF_8), user.uid(), Duration.ofMinutes(5), Instant.now());
        assertThat(TurnAllocation.allocate(coturn, unknown.username(), unknown.password()))
                .as("a secret coturn does not hold is refused (the control case)").isEqualTo(401);
    }
}
