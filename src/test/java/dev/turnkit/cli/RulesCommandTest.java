package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnkit.rules.FakeRulesApi;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code turnkit rules deploy|diff} exit codes and output, against the local Rules API fake. */
class RulesCommandTest {
    record Result(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    private FakeRulesApi fake;
    private Path credentials;
    private Path rules;

    @BeforeEach
    void setUp() throws Exception {
        fake = new FakeRulesApi();
        credentials = fake.serviceAccountFile(dir);
        rules = dir.resolve("firestore.rules");
        Files.writeString(rules, "rules_version = '2';\n// local\n");
    }

    @AfterEach
    void tearDown() {
        fake.close();
    }

    @Test
    void deployWithAServiceAccountFileCreatesAndReleasesTheRuleset() {
        Result r = run("rules", "deploy", "--project", "demo-deploy");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("deployed: projects/demo-deploy/releases/cloud.firestore -> ");
        assertThat(fake.requests).as("google-auth exchanged the service-account JWT for a token").contains("POST /token");
        assertThat(fake.releases).containsKey("projects/demo-deploy/releases/cloud.firestore");
    }

    @Test
    void deployTwiceIsUnchangedTheSecondTime() throws Exception {
        assertThat(run("rules", "deploy", "--project", "demo-deploy").code()).isZero();

        Result r = run("rules", "deploy", "--project", "demo-deploy", "--json");

        assertThat(r.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("outcome").asText()).isEqualTo("UNCHANGED");
    }

    @Test
    void aDryRunMakesNoMutatingRequest() {
        Result r = run("rules", "deploy", "--project", "demo-deploy", "--database", "calls", "--dry-run");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dry run: would create projects/demo-deploy/releases/cloud.firestore/calls");
        assertThat(fake.mutatingRequests()).as("dry run").isEmpty();
    }

    @Test
    void aCompileErrorPrintsFileLineColumnAndExits3() {
        fake.compileIssues.add(new ObjectMapper().createObjectNode().put("severity", "ERROR")
                .put("description", "Unexpected 'false'."));
        fake.compileIssues.get(0).putObject("sourcePosition").put("fileName", "firestore.rules").put("line", 6)
                .put("column", 24);

        Result r = run("rules", "deploy", "--project", "demo-deploy");

        assertThat(r.code()).as("a compile error is bad input").isEqualTo(3);
        assertThat(r.err()).contains("firestore.rules:6:24 ERROR Unexpected 'false'.");
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    @Test
    void rejectedCredentialsExit3WithAHint() {
        fake.refuseGrant = true;

        Result r = run("rules", "deploy", "--project", "demo-deploy");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).startsWith("turnkit: cannot get an access token from ").contains("invalid_grant");
        assertThat(r.err().lines().count()).as("one clear line").isEqualTo(1);
    }

    @Test
    void aMissingCredentialsFileExits3() {
        Result r = run("rules", "deploy", "--project", "demo-deploy", "--credentials",
                dir.resolve("nope.json").toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("nope.json does not exist");
    }

    @Test
    void aRefusalByTheApiExits2() {
        fake.releases.put("projects/demo-deploy/releases/cloud.firestore",
                fake.addRuleset("demo-deploy", "firestore.rules", "old", "cloud.firestore"));
        fake.rulesetQuota = 1;

        Result r = run("rules", "deploy", "--project", "demo-deploy", "--prune", "--prune-threshold", "1");

        assertThat(r.code()).as("the remote refused").isEqualTo(2);
        assertThat(r.err()).contains("no unreleased Firestore ruleset can be pruned");
    }

    @Test
    void atTheCapWithoutPruneNothingIsDeletedAndTheMessageSaysHow() {
        String old = fake.addRuleset("demo-deploy", "firestore.rules", "old", "cloud.firestore");
        fake.rulesetQuota = 1;

        Result r = run("rules", "deploy", "--project", "demo-deploy", "--prune-threshold", "1");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("would delete " + old, "re-run with --prune");
        assertThat(fake.rulesets).containsKey(old);
    }

    @Test
    void quotaProjectFlagTravelsAsXGoogUserProject() {
        Result r = run("rules", "deploy", "--project", "demo-deploy", "--quota-project", "billing-proj");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(fake.userProjects).isNotEmpty().containsOnly("billing-proj");
    }

    @Test
    void diffExits1WhenTheReleasedRulesDiffer() {
        fake.releases.put("projects/demo-deploy/releases/cloud.firestore",
                fake.addRuleset("demo-deploy", "firestore.rules", "rules_version = '2';\n// released\n",
                        "cloud.firestore"));

        Result r = run("rules", "diff", "--project", "demo-deploy");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("-// released", "+// local");
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    @Test
    void missingProjectIsBadUsage() {
        MainTest.Result r = MainTest.run("rules", "deploy");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("--project");
    }

    @Test
    void aMissingRulesFileExits3WithoutAnyRequest() {
        Result r = run("rules", "deploy", "--project", "demo-deploy", "--rules", dir.resolve("x.rules").toString());

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("x.rules does not exist");
        assertThat(fake.requests).isEmpty();
    }

    /** Runs the CLI against the fake, with the test's rules file and credentials unless the test names its own. */
    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--rules-api-url", fake.rulesApiUrl().toString(),
                "--resource-manager-url", fake.resourceManagerUrl().toString()));
        if (!all.contains("--rules")) {
            all.addAll(List.of("--rules", rules.toString()));
        }
        if (!all.contains("--credentials")) {
            all.addAll(List.of("--credentials", credentials.toString()));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
