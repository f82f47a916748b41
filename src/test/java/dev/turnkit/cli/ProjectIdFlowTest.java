package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnkit.infra.Plan;
import dev.turnkit.model.FileSpec;
import dev.turnkit.model.HostSpec;
import dev.turnkit.model.StackConfig;
import dev.turnkit.render.HostRenderer;
import dev.turnkit.rules.FakeRulesApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source for the Firebase project id: {@code turnkit:firebaseProjectId} reaches the credentials service unit,
 * the stack outputs (the web app config the sample page reads) and {@code rules deploy --stack}, typed once.
 */
class ProjectIdFlowTest {
    private static final String PROJECT = "flow-proj-123";

    @TempDir
    Path stacks;
    private FakeRulesApi fake;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeRulesApi();
        Files.write(stacks.resolve("Pulumi.flow.yaml"), List.of(
                "config:",
                "  turnkit:domain: turn.example.com",
                "  turnkit:privateIp: 10.0.0.10",
                "  turnkit:bootVolumeGb: 50",
                "  turnkit:adminSshCidr: 198.51.100.7/32",
                "  turnkit:acmeEmail: ops@example.com",
                "  turnkit:sshPublicKey: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForDocumentation0000000000 ops@example",
                "  turnkit:firebaseProjectId: " + PROJECT,
                "  turnkit:turnSecretFile: .turnkit/flow/turn-secret",
                "  turnkit:compartmentId: ocid1.compartment.oc1..aaaaaaaaexampleexampleexampleexample",
                "  turnkit:availabilityDomains: [Uocm:EU-FRANKFURT-1-AD-1]",
                "  turnkit:firestoreLocation: eur3",
                "  turnkit:gcpBilling: true",
                "  turnkit:firestoreDatabase: calls"), StandardCharsets.UTF_8);
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void theCredentialsServiceUnitVerifiesTokensOfTheStacksProject() {
        StackConfig config = StackFiles.load(stacks, "flow").withAddresses("203.0.113.10", null);
        List<FileSpec> files = HostRenderer.create().renderHost(HostSpec.production(config, List.of("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==")));
        FileSpec unit = files.stream().filter(f -> f.path().endsWith(".service")
                && f.content().contains("credentials serve")).findFirst().orElseThrow();
        assertThat(unit.content()).contains("--project " + PROJECT);
    }

    @Test
    void theStackOutputsCarryTheProjectForRulesDeployAndTheSamplePage() throws Exception {
        Files.createDirectories(stacks.resolve("target"));
        Files.writeString(stacks.resolve("target/turnkit.jar"), "PK laptop build");
        Plan.Report plan = Plan.ofStack(StackFiles.load(stacks, "flow"), stacks);
        assertThat(plan.outputs()).containsEntry("firebaseProjectId", PROJECT)
                .containsEntry("firestoreDatabase", "calls");
        @SuppressWarnings("unchecked")
        Map<String, Object> web = (Map<String, Object>) plan.outputs().get("firebaseWebConfig");
        assertThat(web).containsEntry("projectId", PROJECT)
                .containsEntry("authDomain", PROJECT + ".firebaseapp.com")
                .containsOnlyKeys("apiKey", "authDomain", "projectId", "appId");
    }

    @Test
    void rulesDeployWithStackTargetsTheStacksProjectAndDatabase() throws Exception {
        Path rules = stacks.resolve("firestore.rules");
        Files.writeString(rules, "rules_version = '2';\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "rules", "deploy", "--stack", "flow",
                "--stacks-dir", stacks.toString(), "--rules", rules.toString(),
                "--credentials", fake.serviceAccountFile(stacks).toString(),
                "--rules-api-url", fake.rulesApiUrl().toString(),
                "--resource-manager-url", fake.resourceManagerUrl().toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("deployed: projects/" + PROJECT + "/releases/cloud.firestore/calls -> ");
        assertThat(fake.requests).contains("GET /v1/projects/" + PROJECT + "/releases/cloud.firestore/calls");
    }

    @Test
    void rulesDeployWithoutProjectOrStackIsBadInput() {
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "rules", "deploy",
                "--rules-api-url", fake.rulesApiUrl().toString());
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("pass --project PROJECT or --stack NAME");
    }
}
