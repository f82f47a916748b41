package dev.turnkit.infra;

import com.pulumi.core.Output;
import com.pulumi.gcp.firebase.FirebaseFunctions;
import com.pulumi.gcp.firebase.Project;
import com.pulumi.gcp.firebase.ProjectArgs;
import com.pulumi.gcp.firebase.WebApp;
import com.pulumi.gcp.firebase.WebAppArgs;
import com.pulumi.gcp.firebase.inputs.GetWebAppConfigArgs;
import com.pulumi.gcp.firestore.Database;
import com.pulumi.gcp.firestore.DatabaseArgs;
import com.pulumi.gcp.firestore.Field;
import com.pulumi.gcp.firestore.FieldArgs;
import com.pulumi.gcp.firestore.Index;
import com.pulumi.gcp.firestore.IndexArgs;
import com.pulumi.gcp.firestore.inputs.FieldTtlConfigArgs;
import com.pulumi.gcp.firestore.inputs.IndexFieldArgs;
import com.pulumi.gcp.identityplatform.Config;
import com.pulumi.gcp.identityplatform.ConfigArgs;
import com.pulumi.gcp.identityplatform.inputs.ConfigSignInAnonymousArgs;
import com.pulumi.gcp.identityplatform.inputs.ConfigSignInArgs;
import com.pulumi.gcp.identityplatform.inputs.ConfigSignInEmailArgs;
import com.pulumi.gcp.projects.Service;
import com.pulumi.gcp.projects.ServiceArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.turnkit.model.FirebaseWebConfig;
import dev.turnkit.model.SignalingSchema;
import dev.turnkit.model.StackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The Firebase side of the backend, with the generated GCP provider SDK ({@code com.pulumi:gcp}): the APIs it
 * needs, Firebase on the project, the Firestore database (native mode, delete protection, PITR only with billing),
 * TTL policies on {@code expires_at} of both signaling collection groups (TTL deletes need billing), the composite
 * index of the callee's incoming-call query, the sign-in providers and authorized domains, and the web app whose
 * config is a stack output. Rules are not here: {@code turnkit rules deploy} owns them.
 *
 * <p>The project itself is not created: it must exist (docs/firebase.md). Every resource names the project
 * explicitly, so no {@code gcp:project} config is needed and the project id has one source,
 * {@code turnkit:firebaseProjectId}.
 */
public final class SignalingBackend extends ComponentResource {
    /** Pulumi type token of the component. */
    public static final String TYPE = "turnkit:index:SignalingBackend";
    /** The APIs the stack, {@code rules deploy} and the app use. */
    public static final List<String> SERVICES = List.of("firebase.googleapis.com", "firestore.googleapis.com",
            "identitytoolkit.googleapis.com", "firebaserules.googleapis.com");

    private final Output<String> databaseId;
    private final Output<Map<String, String>> webConfig;

    public SignalingBackend(String name, StackConfig.Firebase config, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        String project = config.projectId();
        List<Resource> apis = new ArrayList<>();
        for (String service : SERVICES) {
            apis.add(new Service(name + "-api-" + service.substring(0, service.indexOf('.')), ServiceArgs.builder()
                    .project(project).service(service)
                    // Leaving an API enabled costs nothing; disabling it could break other users of the project.
                    .disableOnDestroy(false).disableDependentServices(false)
                    .build(), child()));
        }
        Project firebase = new Project(name + "-firebase", ProjectArgs.builder().project(project).build(),
                child(apis));

        Database database = new Database(name + "-firestore", DatabaseArgs.builder()
                .project(project)
                .name(config.databaseId())
                .locationId(config.location())
                .type("FIRESTORE_NATIVE")
                .appEngineIntegrationMode("DISABLED")
                .deleteProtectionState(config.deleteProtection() ? "DELETE_PROTECTION_ENABLED"
                        : "DELETE_PROTECTION_DISABLED")
                .pointInTimeRecoveryEnablement(config.pointInTimeRecovery() ? "POINT_IN_TIME_RECOVERY_ENABLED"
                        : "POINT_IN_TIME_RECOVERY_DISABLED")
                .build(), child(List.of(firebase)));
        this.databaseId = database.name();

        if (config.ttl()) {
            for (String group : SignalingSchema.TTL_COLLECTION_GROUPS) {
                new Field(name + "-ttl-" + group.replace('_', '-'), FieldArgs.builder()
                        .project(project)
                        .database(database.name())
                        .collection(group)
                        .field(SignalingSchema.EXPIRES_AT)
                        .ttlConfig(FieldTtlConfigArgs.builder().build())
                        .build(), child());
            }
        }
        List<IndexFieldArgs> fields = new ArrayList<>();
        for (String f : SignalingSchema.INCOMING_CALL_INDEX) {
            fields.add(IndexFieldArgs.builder().fieldPath(f).order("ASCENDING").build());
        }
        new Index(name + "-index-incoming-calls", IndexArgs.builder()
                .project(project)
                .database(database.name())
                .collection(SignalingSchema.SESSIONS)
                .queryScope("COLLECTION")
                .fields(fields)
                .build(), child());

        ConfigSignInArgs.Builder signIn = ConfigSignInArgs.builder();
        if (config.signInProviders().contains("email")) {
            signIn.email(ConfigSignInEmailArgs.builder().enabled(true).passwordRequired(true).build());
        }
        if (config.signInProviders().contains("anonymous")) {
            signIn.anonymous(ConfigSignInAnonymousArgs.builder().enabled(true).build());
        }
        new Config(name + "-auth", ConfigArgs.builder()
                .project(project)
                .signIn(signIn.build())
                .authorizedDomains(config.authorizedDomains())
                .build(), child(List.of(firebase)));

        WebApp app = new WebApp(name + "-web-app", WebAppArgs.builder()
                .project(project)
                .displayName(name)
                // The default ABANDON would leave the app behind on pulumi destroy.
                .deletionPolicy("DELETE")
                .build(), child(List.of(firebase)));
        this.webConfig = app.appId().apply(appId -> FirebaseFunctions.getWebAppConfig(
                GetWebAppConfigArgs.builder().project(project).webAppId(appId).build())
                .applyValue(c -> new FirebaseWebConfig(c.apiKey(), c.authDomain(), project, appId).asMap()));
        registerOutputs(Map.of("databaseId", databaseId, "webConfig", webConfig));
    }

    /** The database id ({@code (default)} or the named one) that {@code rules deploy} targets. */
    public Output<String> databaseId() {
        return databaseId;
    }

    /** {apiKey, authDomain, projectId, appId}: what the Firebase Web SDK's {@code initializeApp} needs. */
    public Output<Map<String, String>> webConfig() {
        return webConfig;
    }

    private CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    private CustomResourceOptions child(List<? extends Resource> dependsOn) {
        return CustomResourceOptions.builder().parent(this).dependsOn(List.copyOf(dependsOn)).build();
    }
}
