package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.PulumiTest;
import dev.turnkit.model.SignalingSchema;
import dev.turnkit.model.StackConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Firebase side of the stack under Pulumi mocks: what it declares, with which values, and its outputs. */
class SignalingBackendTest {
    private static final String PROJECT = "example-webrtc-dev";

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static StackConfig enabled(Object... more) {
        Object[] base = {"firestoreLocation", "eur3", "allowedOrigins", List.of("https://app.example.com")};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return TestStacks.config(all);
    }

    @Test
    void enabledOnTheFreePlanDeclaresTheDatabaseIndexSignInAndWebAppButNoBillingOnlyTtl() {
        // when:
        StackRun run = StackRun.up(enabled());
        // then:
        assertThat(run.result().exitCode()).as(String.join("; ", run.result().errors())).isZero();
        Map<String, Object> db = run.one("gcp:firestore/database:Database").inputs();
        assertThat(db).containsEntry("project", PROJECT).containsEntry("name", "(default)")
                .containsEntry("locationId", "eur3").containsEntry("type", "FIRESTORE_NATIVE")
                .containsEntry("deleteProtectionState", "DELETE_PROTECTION_ENABLED")
                .containsEntry("pointInTimeRecoveryEnablement", "POINT_IN_TIME_RECOVERY_DISABLED");
        assertThat(run.ofType("gcp:firestore/field:Field")).as("TTL deletes need billing: off on the free plan")
                .isEmpty();
        Map<String, Object> index = run.one("gcp:firestore/index:Index").inputs();
        assertThat(index).containsEntry("collection", SignalingSchema.SESSIONS).containsEntry("database", "(default)")
                .containsEntry("queryScope", "COLLECTION");
        assertThat(list(index.get("fields"))).extracting(f -> map(f).get("fieldPath"))
                .containsExactly("callee_id", "state", "expires_at");
        Map<String, Object> auth = run.one("gcp:identityplatform/config:Config").inputs();
        assertThat(auth).containsEntry("project", PROJECT);
        assertThat(map(auth.get("signIn"))).containsOnlyKeys("email")
                .containsEntry("email", Map.of("enabled", true, "passwordRequired", true));
        assertThat(list(auth.get("authorizedDomains"))).as("from allowedOrigins and the Firebase hosting domains")
                .containsExactly("localhost", PROJECT + ".firebaseapp.com", PROJECT + ".web.app", "app.example.com");
        assertThat(run.one("gcp:firebase/webApp:WebApp").inputs()).containsEntry("project", PROJECT)
                .containsEntry("deletionPolicy", "DELETE");
        assertThat(run.one("gcp:firebase/project:Project").inputs()).containsEntry("project", PROJECT);
        assertThat(run.ofType("gcp:projects/service:Service")).extracting(r -> r.inputs().get("service"))
                .containsExactlyInAnyOrderElementsOf(SignalingBackend.SERVICES);
        assertThat(run.ofType(SignalingBackend.TYPE)).extracting(OfflineOci.Registered::name)
                .containsExactly("turnkit-test-signaling");
    }

    @Test
    void theOutputsCarryTheWebAppConfigAndWhatRulesDeployNeeds() {
        // when:
        StackRun run = StackRun.up(enabled());
        // then:
        assertThat(run.output("firebaseProjectId")).isEqualTo(PROJECT);
        assertThat(run.output("firestoreDatabase")).isEqualTo("(default)");
        assertThat(map(run.output("firebaseWebConfig"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "apiKey", OfflineOci.PLACEHOLDER_API_KEY,
                "authDomain", PROJECT + ".firebaseapp.com",
                "projectId", PROJECT,
                "appId", OfflineOci.PLACEHOLDER_APP_ID));
    }

    @Test
    void withBillingBothCollectionGroupsGetATtlPolicyOnExpiresAtAndOptionsFollowTheConfig() {
        // when:
        StackRun run = StackRun.up(enabled("gcpBilling", true, "firestoreDatabase", "calls",
                "firestorePointInTimeRecovery", true, "firestoreDeleteProtection", false,
                "signInProviders", List.of("anonymous", "email"), "authorizedDomains", List.of("calls.example.org"),
                "firestoreLocation", "europe-west1"));
        // then:
        assertThat(run.ofType("gcp:firestore/field:Field")).extracting(r -> r.inputs().get("collection"))
                .containsExactlyInAnyOrderElementsOf(SignalingSchema.TTL_COLLECTION_GROUPS)
                .containsExactlyInAnyOrder("webrtc_sessions", "ice_candidates");
        assertThat(run.ofType("gcp:firestore/field:Field")).allSatisfy(r -> {
            assertThat(r.inputs()).containsEntry("field", "expires_at").containsEntry("database", "calls")
                    .containsEntry("project", PROJECT).containsKey("ttlConfig");
        });
        assertThat(run.one("gcp:firestore/database:Database").inputs()).containsEntry("name", "calls")
                .containsEntry("locationId", "europe-west1")
                .containsEntry("deleteProtectionState", "DELETE_PROTECTION_DISABLED")
                .containsEntry("pointInTimeRecoveryEnablement", "POINT_IN_TIME_RECOVERY_ENABLED");
        Map<String, Object> signIn = map(run.one("gcp:identityplatform/config:Config").inputs().get("signIn"));
        assertThat(signIn).containsEntry("anonymous", Map.of("enabled", true)).containsKey("email");
        assertThat(list(run.one("gcp:identityplatform/config:Config").inputs().get("authorizedDomains")))
                .containsExactly("calls.example.org");
        assertThat(run.output("firestoreDatabase")).isEqualTo("calls");
    }

    @Test
    void disabledDeclaresNoGcpResourceAndNoFirebaseOutput() {
        // when:
        StackRun run = StackRun.up(TestStacks.config());
        // then:
        assertThat(run.result().exitCode()).isZero();
        assertThat(run.oci().registered()).noneMatch(r -> r.type().startsWith("gcp:")
                || r.type().equals(SignalingBackend.TYPE));
        assertThat(run.result().outputs()).doesNotContainKeys("firebaseProjectId", "firestoreDatabase",
                "firebaseWebConfig");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
