package dev.turnkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.CheckRunner;
import dev.turnkit.check.Checks;
import dev.turnkit.check.CredentialSource;
import dev.turnkit.check.Status;
import dev.turnkit.check.Transport;
import dev.turnkit.check.TurnTarget;
import dev.turnkit.testsupport.CoturnServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Why production keeps the TURN secrets in coturn's userdb and not in {@code static-auth-secret} lines: coturn 4.6.1
 * reads {@code static-auth-secret} from its config file only at start. SIGHUP only reopens the log file and SIGUSR2
 * only reloads the TLS certificate; neither picks up a new secret, so with static secrets a rotation would need a
 * restart, which drops every call in progress ({@link CoturnUserDbSecretTest} shows the userdb way). Measured on the
 * real coturn, not assumed.
 */
class CoturnSecretReloadTest {
    static final String OLD = "reload-test-old-secret-0123456789";
    static final String NEW = "reload-test-new-secret-0123456789";

    static CheckReport allocate(CoturnServer coturn, String secret) {
        TurnTarget target = TurnTarget.of(coturn.host()).withPort(coturn.port())
                .withCredentials(CredentialSource.restSecret(secret.getBytes(StandardCharsets.UTF_8)));
        return new CheckRunner(Duration.ofSeconds(10)).run(List.of(Checks.turnAllocate(target, Transport.UDP)));
    }

    @Test
    void neitherSighupNorSigusr2MakesCoturnAcceptASecretAddedToItsConfig() throws Exception {
        try (CoturnServer coturn = CoturnServer.builder().secret(OLD).start()) {
            assertThat(allocate(coturn, OLD).status()).isEqualTo(Status.OK);
            assertThat(allocate(coturn, NEW).status()).isEqualTo(Status.CRITICAL);
            Files.writeString(coturn.configFile(), "static-auth-secret=" + NEW + "\n", StandardOpenOption.APPEND);

            for (String signal : List.of("HUP", "USR2")) {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(coturn.pid())).start();
                assertThat(kill.waitFor()).isZero();
                Thread.sleep(1000);
                assertThat(coturn.isAlive()).as("coturn survives SIG" + signal).isTrue();
                assertThat(allocate(coturn, NEW).status()).as("new secret after SIG" + signal)
                        .isEqualTo(Status.CRITICAL);
                assertThat(allocate(coturn, OLD).status()).isEqualTo(Status.OK);
            }
        }
    }
}
