package dev.turnkit.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.check.CheckReport;
import dev.turnkit.check.Status;
import dev.turnkit.credentials.TurnRestCredentials;
import dev.turnkit.model.SecretStore;
import dev.turnkit.testsupport.CoturnServer;
import dev.turnkit.testsupport.RelayedCall;
import dev.turnkit.testsupport.SecretSync;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a rotation without dropped calls possible (unlike {@link CoturnSecretReloadTest}): with
 * {@code use-auth-secret} and no {@code static-auth-secret}, coturn 4.6.1 looks the secrets up in its userdb's
 * {@code turn_secret} rows on every authentication. A secret the host script {@code turnkit-sync-secrets} adds while
 * coturn runs allocates at once, one it removes is refused at once, with neither restart nor signal; an allocation made
 * before keeps refreshing and relaying after its secret was removed. Real coturn, the real rendered script.
 */
class CoturnUserDbSecretTest {
    static final String OLD = "userdb-test-old-secret-0123456789";
    static final String NEW = "userdb-test-new-secret-0123456789";

    @TempDir
    Path dir;

    @Test
    void secretsSyncedIntoTheUserDbTakeEffectAtOnceWithoutRestartAndACallInProgressSurvives() throws Exception {
        try (CoturnServer coturn = CoturnServer.builder().secretsInUserDb().line("relay-ip=127.0.0.1")
                .line("no-tcp-relay").line("allow-loopback-peers").line("cli-password=test-only-cli-is-off")
                .start()) {
            long pid = coturn.pid();
            assertThat(allocate(coturn, OLD)).as("no secret in the userdb yet: refused").isEqualTo(Status.CRITICAL);

            SecretSync.run(dir, coturn.userDb(), coturn.realm(), List.of(OLD));
            assertThat(allocate(coturn, OLD)).as("a secret added while coturn runs").isEqualTo(Status.OK);
            assertThat(allocate(coturn, NEW)).isEqualTo(Status.CRITICAL);
            assertThat(Files.getPosixFilePermissions(coturn.userDb())).as("the userdb is 0600")
                    .map(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

            TurnRestCredentials old = TurnRestCredentials.issue(OLD.getBytes(StandardCharsets.UTF_8), "alice",
                    Duration.ofSeconds(600), Instant.now());
            try (RelayedCall call = RelayedCall.start(coturn.address(), old.username(), old.password())) {
                call.exchange();

                String added = SecretSync.run(dir, coturn.userDb(), coturn.realm(), List.of(NEW, OLD));
                assertThat(added).contains("2 secret(s)", "1 added, 0 removed");
                assertThat(allocate(coturn, NEW)).as("the new secret, added while coturn runs").isEqualTo(Status.OK);
                assertThat(allocate(coturn, OLD)).as("the old one still").isEqualTo(Status.OK);
                call.keepAlive();
                call.exchange();

                String removed = SecretSync.run(dir, coturn.userDb(), coturn.realm(), List.of(NEW));
                assertThat(removed).contains("1 secret(s)", "0 added, 1 removed");
                assertThat(allocate(coturn, OLD)).as("a removed secret is refused at once").isEqualTo(Status.CRITICAL);
                assertThat(allocate(coturn, NEW)).isEqualTo(Status.OK);
                call.keepAlive();
                call.exchange();
            }
            assertThat(SecretSync.run(dir, coturn.userDb(), coturn.realm(), List.of(NEW)))
                    .as("running it again changes nothing").contains("0 added, 0 removed");
            assertThat(coturn.isAlive()).isTrue();
            assertThat(coturn.pid()).isEqualTo(pid);
            assertThat(coturn.logTail()).doesNotContain("SIGHUP").doesNotContain("SIGUSR2");
        }
    }

    @Test
    void otherRealmsRowsAreLeftAloneAndAMissingSecretFileFailsLoudlyAndChangesNothing() throws Exception {
        try (CoturnServer coturn = CoturnServer.builder().secretsInUserDb().start()) {
            SecretSync.run(dir, coturn.userDb(), coturn.realm(), List.of(OLD));
            Path other = Files.createDirectory(dir.resolve("other"));
            SecretSync.run(other, coturn.userDb(), "other.realm.test", List.of(NEW));
            assertThat(allocate(coturn, NEW)).as("a secret of another realm does not authenticate this one")
                    .isEqualTo(Status.CRITICAL);
            assertThat(allocate(coturn, OLD)).as("syncing another realm left this realm's row alone")
                    .isEqualTo(Status.OK);

            SecretSync.Result broken = SecretSync.exec(dir, new SecretStore(coturn.userDb().toString(),
                    coturn.realm(), System.getProperty("user.name"), List.of(dir.resolve("missing").toString())));
            assertThat(broken.exit()).isNotZero();
            assertThat(broken.output().strip()).as("one line naming the file").startsWith("turnkit-sync-secrets: ")
                    .contains("cannot read " + dir.resolve("missing"), "coturn keeps the secrets it had")
                    .doesNotContain("Traceback");
            assertThat(allocate(coturn, OLD)).as("nothing removed by a failed sync").isEqualTo(Status.OK);
            assertThat(SecretSync.run(other, coturn.userDb(), "other.realm.test", List.of(NEW)))
                    .as("the other realm's row is still there").contains("0 added, 0 removed");
        }
    }

    /**
     * coturn sets no SQLite busy timeout: with a rollback journal, a secret lookup during the script's commit failed
     * with "database is locked" and that Allocate got a 401 (measured: 47 of 868 allocations during 40 syncs). In WAL
     * mode a reader is never blocked by the writer.
     */
    @Test
    void allocationsRunningDuringRepeatedSyncsAreNeverRefused() throws Exception {
        try (CoturnServer coturn = CoturnServer.builder().secretsInUserDb().start()) {
            SecretSync.run(dir, coturn.userDb(), coturn.realm(), List.of(OLD));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            List<String> refused = new CopyOnWriteArrayList<>();
            Thread client = new Thread(() -> {
                while (!stop.get()) {
                    CheckReport r = CoturnSecretReloadTest.allocate(coturn, OLD);
                    if (r.status() == Status.OK) {
                        ok.incrementAndGet();
                    } else if (r.toString().contains("401")) {
                        refused.add(r.toString());
                    }
                    try {
                        // paced: back-to-back allocations from one loop exhaust the relay range (508) and reuse
                        // 5-tuples (437), which is not what this test is about
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            client.start();
            try {
                for (int i = 0; i < 40; i++) {
                    SecretSync.run(dir, coturn.userDb(), coturn.realm(), i % 2 == 0 ? List.of(NEW, OLD) : List.of(OLD));
                }
            } finally {
                stop.set(true);
                client.join(30_000);
            }
            assertThat(ok.get()).as("the client allocated all along").isGreaterThan(40);
            assertThat(refused).as("the secret that stays is never refused (401) while the other one comes and goes")
                    .isEmpty();
            assertThat(coturn.logTail()).doesNotContain("database is locked");
        }
    }

    static Status allocate(CoturnServer coturn, String secret) {
        return CoturnSecretReloadTest.allocate(coturn, secret).status();
    }
}
