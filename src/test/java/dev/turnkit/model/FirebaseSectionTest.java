package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirebaseSectionTest {
    private static final StackConfig.Credentials CREDENTIALS = new StackConfig.Credentials(3600,
            List.of("https://app.example.com", "https://localhost:8443"), "example-webrtc");

    private final List<String> problems = new ArrayList<>();

    private Optional<StackConfig.Firebase> read(Map<String, Object> config) {
        return FirebaseSection.read(new StackValues(config, problems), CREDENTIALS, problems);
    }

    @Test
    void defaultDomainsAreLocalhostTheHostingDomainsAndTheOriginHostsEachOnce() {
        assertThat(FirebaseSection.defaultAuthorizedDomains("p1", List.of("https://a.example.com",
                "http://localhost:3000", "https://a.example.com:8443")))
                .containsExactly("localhost", "p1.firebaseapp.com", "p1.web.app", "a.example.com");
        assertThat(FirebaseSection.defaultAuthorizedDomains(null, List.of())).containsExactly("localhost");
    }

    @Test
    void withoutALocationThereIsNoFirebaseSideAndItsOptionsAreRefused() {
        Map<String, Object> config = new LinkedHashMap<>();
        assertThat(read(config)).isEmpty();
        assertThat(problems).isEmpty();

        config.put("turnkit:gcpBilling", "false"); // the default, as the Pulumi engine passes it
        config.put("turnkit:signInProviders", "anonymous");
        assertThat(read(config)).isEmpty();
        assertThat(problems).containsExactly("turnkit:signInProviders: set only with turnkit:firestoreLocation, "
                + "which enables the Firebase backend (docs/firebase.md)");
    }

    @Test
    void aLocationEnablesItWithDefaults() {
        StackConfig.Firebase f = read(Map.of("turnkit:firestoreLocation", "eur3")).orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(f.projectId()).isEqualTo("example-webrtc");
        assertThat(f.databaseId()).isEqualTo(StackConfig.Firebase.DEFAULT_DATABASE);
        assertThat(f.signInProviders()).containsExactly("email");
        assertThat(f.authorizedDomains()).containsExactly("localhost", "example-webrtc.firebaseapp.com",
                "example-webrtc.web.app", "app.example.com");
    }

    @Test
    void billingOnlyOptionsNeedBilling() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("turnkit:firestoreLocation", "eur3",
                "turnkit:firestorePointInTimeRecovery", "true"));
        assertThat(read(config)).isPresent();
        assertThat(problems).singleElement().asString().contains("billing-only").contains("turnkit:gcpBilling: true");

        problems.clear();
        config.put("turnkit:gcpBilling", "true");
        assertThat(read(config).orElseThrow().pointInTimeRecovery()).isTrue();
        assertThat(problems).isEmpty();
    }
}
