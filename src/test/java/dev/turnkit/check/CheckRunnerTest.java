package dev.turnkit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    /** A check that returns {@code status} after waiting on {@code latch} (or sleeping forever). */
    private record FakeCheck(String name, Status status, CountDownLatch latch, boolean hang) implements Check {
        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public CheckResult run(Duration timeout) throws InterruptedException {
            latch.countDown();
            if (hang) {
                Thread.sleep(Long.MAX_VALUE);
            }
            // every check waits for all others to have started: proves they run concurrently
            if (!latch.await(5, TimeUnit.SECONDS)) {
                return new CheckResult(name, "udp", Status.UNKNOWN, Duration.ZERO, "ran alone");
            }
            return new CheckResult(name, "udp", status, Duration.ofMillis(1), name + " done");
        }
    }

    @Test
    void checksRunConcurrentlyAndKeepTheirOrder() {
        CountDownLatch all = new CountDownLatch(3);
        CheckReport report = new CheckRunner(Duration.ofSeconds(10)).run(List.of(
                new FakeCheck("a", Status.OK, all, false),
                new FakeCheck("b", Status.WARNING, all, false),
                new FakeCheck("c", Status.OK, all, false)));

        assertThat(report.results()).extracting(CheckResult::name).containsExactly("a", "b", "c");
        assertThat(report.results()).extracting(CheckResult::detail).as("no check ran alone")
                .containsExactly("a done", "b done", "c done");
        assertThat(report.status()).isEqualTo(Status.WARNING);
    }

    @Test
    void aHangingCheckIsUnknownAfterTheDeadlineAndDoesNotBlockTheOthers() {
        CountDownLatch one = new CountDownLatch(1);
        CheckReport report = new CheckRunner(Duration.ofMillis(200)).run(List.of(
                new FakeCheck("hangs", Status.OK, new CountDownLatch(1), true),
                new FakeCheck("fine", Status.OK, one, false)));

        assertThat(report.results().get(0).status()).isEqualTo(Status.UNKNOWN);
        assertThat(report.results().get(0).detail()).contains("did not finish within the 200 ms deadline");
        assertThat(report.results().get(1).status()).isEqualTo(Status.OK);
        assertThat(report.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void criticalOutranksUnknownWhichOutranksWarning() {
        assertThat(Status.worst(List.of(Status.OK, Status.WARNING))).isEqualTo(Status.WARNING);
        assertThat(Status.worst(List.of(Status.WARNING, Status.UNKNOWN))).isEqualTo(Status.UNKNOWN);
        assertThat(Status.worst(List.of(Status.UNKNOWN, Status.CRITICAL, Status.OK))).isEqualTo(Status.CRITICAL);
        assertThat(Status.worst(List.of())).isEqualTo(Status.OK);
    }

    @Test
    void suiteSelectsChecksByNameAndTransport() {
        TurnTarget t = TurnTarget.of("turn.example.org");
        assertThat(Checks.suite(t, Checks.ALL, Checks.allTransports()))
                .extracting(c -> c.name() + "/" + c.transport().id())
                .containsExactly("stun-binding/udp", "stun-binding/tcp", "turn-allocate/udp", "turn-allocate/tcp",
                        "turn-allocate/tls", "relay-echo/udp", "auth-required/udp", "peer-deny-sweep/udp",
                        "tls-certificate/tls");
        assertThat(Checks.suite(t, List.of(Checks.STUN_BINDING, Checks.TLS_CERTIFICATE), java.util.Set.of(Transport.TCP)))
                .as("tls-certificate needs the tls transport selected")
                .extracting(c -> c.name() + "/" + c.transport().id()).containsExactly("stun-binding/tcp");
        assertThatThrownBy(() -> Checks.suite(t, List.of("stun"), Checks.allTransports()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown check 'stun'");
    }

    @Test
    void checksWithoutCredentialsReportUnknownWithTheFix() throws Exception {
        TurnTarget t = TurnTarget.of("127.0.0.1").withPort(9);
        CheckResult r = Checks.turnAllocate(t, Transport.UDP).run(Duration.ofSeconds(1));
        assertThat(r.status()).isEqualTo(Status.UNKNOWN);
        assertThat(r.detail()).as("every way turnkit check accepts credentials is named")
                .contains("--secret-file", "--username", "--password", "--credentials-url", "--id-token-file");
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        assertThat(new TurnCredential("1:u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
