package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-user credentials (the authorized-user file of {@code gcloud auth application-default login}) through
 * google-auth-library's request metadata, against a fake that refuses them without a quota project, as Google does.
 */
class UserCredentialsDeployTest {
    private static final String PROJECT = "demo-deploy";
    private static final RulesSource LOCAL = new RulesSource("firestore.rules", "rules_version = '2';\n");

    @TempDir
    Path dir;
    private FakeRulesApi fake;

    @BeforeEach
    void startFake() throws Exception {
        fake = new FakeRulesApi();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private RulesDeployer deployer(Path adcFile, String quotaProject) {
        RulesApiClient client = new RulesApiClient(fake.rulesApiUrl(), fake.resourceManagerUrl(),
                GoogleRequestCredentials.load(adcFile, quotaProject), Duration.ofSeconds(5));
        return new RulesDeployer(client, line -> { });
    }

    @Test
    void anAdcUserFileWithQuotaProjectIdDeploysAndEveryRequestNamesIt() throws Exception {
        // given:
        Path adc = fake.userCredentialsFile(dir, "my-quota-project");
        // when:
        RulesDeployer.Report report = deployer(adc, null).deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(fake.requests).contains("POST /token");
        assertThat(fake.userProjects).isNotEmpty().containsOnly("my-quota-project");
    }

    @Test
    void theSameFileWithoutQuotaProjectIdGetsTheRightFix() throws Exception {
        // given:
        Path adc = fake.userCredentialsFile(dir, null);
        // when / then:
        assertThatThrownBy(() -> deployer(adc, null).deploy(PROJECT, null, LOCAL, false))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).as("a credentials setup problem: exit 3").isEqualTo(RulesException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).contains("HTTP 403", "requires a quota project",
                            "gcloud auth application-default set-quota-project PROJECT", "service account")
                            .doesNotContain("roles/firebaserules.admin");
                });
        assertThat(fake.mutatingRequests()).isEmpty();
    }

    @Test
    void anExplicitQuotaProjectWinsOverTheFilesOne() throws Exception {
        // given: --quota-project (or GOOGLE_CLOUD_QUOTA_PROJECT, which the CLI passes the same way)
        Path adc = fake.userCredentialsFile(dir, "from-file");
        // when:
        deployer(adc, "from-flag").deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(fake.userProjects).isNotEmpty().containsOnly("from-flag");
    }

    @Test
    void aServiceAccountNeedsNoQuotaProjectAndSendsNone() throws Exception {
        // given:
        Path key = fake.serviceAccountFile(dir);
        // when:
        RulesDeployer.Report report = deployer(key, null).deploy(PROJECT, null, LOCAL, false);
        // then:
        assertThat(report.outcome()).isEqualTo(RulesDeployer.Outcome.DEPLOYED);
        assertThat(fake.userProjects).isNotEmpty().containsOnlyNulls();
    }
}
