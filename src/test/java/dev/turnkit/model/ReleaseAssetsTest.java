package dev.turnkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code turnkit:turnkitVersion} + {@code turnkitReleaseRepo}: the keys, the asset URLs and the checksum format. */
class ReleaseAssetsTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String URL = "https://github.com/acme/turnkit/releases/download/v1.2.3/turnkit.jar.sha256";

    private static Map<String, Object> release(String version, String repo) {
        Map<String, Object> m = StackConfigTest.with("turnkit:turnkitVersion", version);
        if (repo != null) {
            m.put("turnkit:turnkitReleaseRepo", repo);
        }
        return m;
    }

    @Test
    void aVersionAndARepositoryResolveToTheAssetsOfTheReleaseWorkflow() {
        StackConfig c = StackConfig.fromMap("dev", release("1.2.3", "acme/turnkit"));
        ReleaseAssets r = c.release().published().orElseThrow();
        assertThat(r.tag()).isEqualTo("v1.2.3");
        assertThat(r.jarUrl()).isEqualTo("https://github.com/acme/turnkit/releases/download/v1.2.3/turnkit.jar");
        assertThat(r.checksumUrl()).isEqualTo(URL);
        assertThat(c.release().jarUrl()).as("filled in by the stack once the checksum is fetched").isEmpty();
        assertThat(StackConfig.fromMap("dev", release("2.0.0-rc.1", "my-org/turn.kit_fork")).release().published())
                .hasValue(new ReleaseAssets("my-org/turn.kit_fork", "2.0.0-rc.1"));
        assertThat(StackConfig.fromMap("dev", StackConfigTest.valid()).release().published())
                .as("no version, no release: the default upload").isEmpty();
    }

    @Test
    void aBadVersionIsOneLineThatShowsTheExpectedForm() {
        for (String bad : new String[] {"v1.2.3", "1.2", "1.2.3.4", "01.2.3", "1.2.3+build", "latest", "1.2.3-"}) {
            assertThat(StackConfigTest.problems(release(bad, "acme/turnkit"))).as(bad).singleElement().asString()
                    .startsWith("turnkit:turnkitVersion: '" + bad + "' — expected a release version like 1.2.3")
                    .doesNotContain("\n");
        }
    }

    @Test
    void aBadRepositoryIsOneLine() {
        for (String bad : new String[] {"turnkit", "acme/turnkit/extra", "-acme/turnkit", "acme/..",
            "https://github.com/acme/turnkit", "acme/turn kit", "ac--me/turnkit"}) {
            assertThat(StackConfigTest.problems(release("1.2.3", bad))).as(bad).singleElement().asString()
                    .startsWith("turnkit:turnkitReleaseRepo: '").contains("expected OWNER/NAME");
        }
    }

    @Test
    void theRepositoryIsRequiredWithAVersionAndOnlyWithIt() {
        assertThat(StackConfigTest.problems(release("1.2.3", null))).singleElement().asString()
                .startsWith("turnkit:turnkitReleaseRepo: missing — required with turnkit:turnkitVersion");
        assertThat(StackConfigTest.problems(StackConfigTest.with("turnkit:turnkitReleaseRepo", "acme/turnkit")))
                .singleElement().asString()
                .startsWith("turnkit:turnkitReleaseRepo: set without turnkit:turnkitVersion");
    }

    @Test
    void aVersionAndAJarUrlAreMutuallyExclusive() {
        Map<String, Object> both = release("1.2.3", "acme/turnkit");
        both.put("turnkit:turnkitJarUrl", "https://example.com/turnkit.jar");
        both.put("turnkit:turnkitJarSha256", SHA);
        assertThat(StackConfigTest.problems(both)).singleElement().asString()
                .startsWith("turnkit:turnkitVersion: set together with turnkit:turnkitJarUrl — choose one");
    }

    @Test
    void aChecksumMayPinAVersionButNeedsAVersionOrAUrl() {
        Map<String, Object> pinned = release("1.2.3", "acme/turnkit");
        pinned.put("turnkit:turnkitJarSha256", SHA);
        assertThat(StackConfig.fromMap("dev", pinned).release().jarSha256()).hasValue(SHA);
        assertThat(StackConfigTest.problems(StackConfigTest.with("turnkit:turnkitJarSha256", SHA))).singleElement()
                .asString().startsWith("turnkit:turnkitJarSha256: set without turnkit:turnkitJarUrl or "
                        + "turnkit:turnkitVersion");
    }

    @Test
    void theChecksumFileIsOneSha256sumLineForTurnkitJar() {
        assertThat(ReleaseAssets.parseChecksum(SHA + "  turnkit.jar\n", URL)).isEqualTo(SHA);
        assertThat(ReleaseAssets.parseChecksum(SHA + "  turnkit.jar", URL)).as("final newline optional")
                .isEqualTo(SHA);
    }

    @Test
    void anythingElseInTheChecksumFileIsOneLineNamingTheUrlAndTheFault() {
        Map<String, String> cases = Map.of(
                "", "the file is empty",
                SHA.toUpperCase() + "  turnkit.jar\n", "first field is not 64 lowercase hex digits",
                SHA.substring(1) + "  turnkit.jar\n", "first field is not 64 lowercase hex digits",
                SHA + " *turnkit.jar\n", "binary-mode marker",
                SHA + " turnkit.jar\n", "expected two spaces",
                SHA + "  other.jar\n", "names 'other.jar', not turnkit.jar",
                SHA + "  turnkit.jar\n" + SHA + "  turnkit.jar\n", "more than one line",
                "<html>Not Found</html>", "first field is not 64 lowercase hex digits");
        cases.forEach((text, fault) -> assertThatThrownBy(() -> ReleaseAssets.parseChecksum(text, URL))
                .as(text).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("turnkit:turnkitVersion: " + URL + " is not a sha256sum line")
                .hasMessageContaining(fault)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
    }
}
