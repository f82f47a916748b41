package dev.turnkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.model.HostSpec;
import dev.turnkit.model.SecretStore;
import dev.turnkit.model.StackConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What a secret change does on the host, as the templates declare it: the secret files sync coturn's userdb and
 * restart only the credentials endpoint and the check; a rotation (one secret to two and back) changes no file whose
 * declared step restarts or signals coturn, so the calls in progress keep their allocations.
 */
class SecretFilesOnChangeTest {
    static final HostRenderer RENDERER = HostRenderer.create();

    static Map<String, HostRenderer.HostFile> files(StackConfig stack, List<String> secrets) {
        return RENDERER.renderHostFiles(HostSpec.production(stack, secrets)).stream()
                .collect(Collectors.toMap(f -> f.spec().path(), Function.identity()));
    }

    @Test
    void secretFilesSyncTheUserDbThenRestartTheEndpointAndNeverCoturn() {
        Map<String, HostRenderer.HostFile> both = files(Stacks.load("prod"), List.of(Stacks.SECRET,
                Stacks.PREVIOUS_SECRET));
        for (String path : List.of(HostSpec.SECRET_FILE, HostSpec.PREVIOUS_SECRET_FILE)) {
            HostRenderer.HostFile f = both.get(path);
            assertThat(f.spec().mode()).isEqualTo("0600");
            assertThat(f.onChange().steps()).map(Object::toString).as(path).containsExactly(
                    "run " + SecretStore.SYNC_SCRIPT, "try-restart turnkit-credentials.service",
                    "try-restart turnkit-check.service");
        }
        HostRenderer.HostFile script = both.get(SecretStore.SYNC_SCRIPT);
        assertThat(script.onChange().steps()).map(Object::toString).as("a changed list of secret files runs it")
                .containsExactly("run " + SecretStore.SYNC_SCRIPT);
        assertThat(script.spec().content()).as("the files it reads, current first, and coturn's userdb and realm")
                .contains("FILES = [\"" + HostSpec.SECRET_FILE + "\", \"" + HostSpec.PREVIOUS_SECRET_FILE + "\"]",
                        "DB = \"/var/lib/turn/turndb\"", "REALM = \"turn.example.com\"", "OWNER = \"turnserver\"")
                .doesNotContain(Stacks.SECRET);
        assertThat(both.get("/etc/turnserver.conf").spec().content()).contains("\nuserdb=/var/lib/turn/turndb\n");
    }

    @Test
    void aRotationChangesNoFileThatRestartsOrSignalsCoturn() {
        StackConfig prod = Stacks.load("prod");
        Map<String, HostRenderer.HostFile> one = files(prod, List.of(Stacks.SECRET));
        Map<String, HostRenderer.HostFile> both = files(prod, List.of("a-new-secret-0123456789abcdef", Stacks.SECRET));
        List<String> changed = both.keySet().stream().filter(p -> !one.containsKey(p)
                || !one.get(p).spec().content().equals(both.get(p).spec().content())).sorted().toList();
        assertThat(changed).as("what step 1 of a rotation uploads").containsExactlyInAnyOrder(HostSpec.SECRET_FILE,
                HostSpec.PREVIOUS_SECRET_FILE, SecretStore.SYNC_SCRIPT,
                "/etc/systemd/system/turnkit-credentials.service");
        assertThat(changed.stream().flatMap(p -> both.get(p).onChange().steps().stream()).map(Object::toString))
                .as("no step touches coturn").noneMatch(s -> s.contains("coturn"))
                .contains("run " + SecretStore.SYNC_SCRIPT);
    }
}
