package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.testsupport.Components;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The emulator controller that {@code rules test} and {@code local up} use. */
class FirestoreEmulatorTest {

    @Test
    void startServesOnLoopbackAttachReusesItAndCloseStopsTheProcessByPid() {
        FirestoreEmulator emulator = FirestoreEmulator.start(FirestoreEmulator.Options.defaults()
                .withJar(Components.firestoreEmulatorJar()).withProjectId("demo-controller-test"));
        long pid;
        try {
            assertThat(emulator.host()).isEqualTo("127.0.0.1");
            assertThat(emulator.port()).isPositive();
            assertThat(emulator.pid()).isPresent();
            pid = emulator.pid().getAsLong();

            FirestoreEmulator attached = FirestoreEmulator.attach(emulator.hostPort(), "demo-controller-test");
            attached.loadRules(RulesSource.read(Path.of("firestore.rules")));
            attached.close();
            assertThat(attached.pid()).as("an attached emulator is not ours to stop").isEmpty();
            assertThat(ProcessHandle.of(pid)).as("closing the attached handle leaves the emulator running")
                    .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        } finally {
            emulator.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("close() stops the emulator by PID").isFalse();
    }

    @Test
    void aMissingJarIsBadInputWithTheInstallHint() {
        assertThatThrownBy(() -> FirestoreEmulator.start(FirestoreEmulator.Options.defaults()
                .withJar(Path.of("no-such-emulator.jar"))))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).contains("google-cloud-cli-firestore-emulator", "--emulator");
                });
    }

    @Test
    void attachingToNothingSaysSo() {
        int port = dev.turnkit.testsupport.ManagedProcess.freePort();
        assertThatThrownBy(() -> FirestoreEmulator.attach("127.0.0.1:" + port, "demo-x"))
                .isInstanceOf(RulesException.class)
                .hasMessageContaining("no Firestore emulator answers at 127.0.0.1:" + port);
    }

    @Test
    void compileErrorsOfTheEmulatorAreParsedIntoLineAndColumn() {
        String body = "{\"error\":{\"code\":400,\"message\":\"Error compiling rules:\\nL6:20 Missing 'if' before"
                + " conditional expression.\\nL6:24 Unexpected 'false'.\",\"status\":\"INVALID_ARGUMENT\"}}";

        List<RulesIssue> issues = FirestoreEmulator.parseCompileErrors("firestore.rules", body);

        assertThat(issues).extracting(RulesIssue::format).containsExactly(
                "firestore.rules:6:20 ERROR Missing 'if' before conditional expression.",
                "firestore.rules:6:24 ERROR Unexpected 'false'.");
    }

    @Test
    void anUnparseableCompileErrorIsStillOneIssue() {
        assertThat(FirestoreEmulator.parseCompileErrors("x.rules", "boom\n"))
                .extracting(RulesIssue::format).containsExactly("x.rules:?:? ERROR boom");
    }
}
