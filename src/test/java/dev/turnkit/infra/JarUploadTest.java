package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.test.PulumiTest;
import dev.turnkit.model.ConfigException;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar without a release: {@code pulumi up} uploads the laptop build to a private Object Storage bucket and the
 * VM gets a short-lived pre-authenticated URL plus the SHA-256 the stack computed itself.
 */
class JarUploadTest {
    static final String BUCKET = "oci:ObjectStorage/bucket:Bucket";
    static final String OBJECT = "oci:ObjectStorage/storageObject:StorageObject";
    static final String PAR = "oci:ObjectStorage/preauthrequest:Preauthrequest";
    /** The URL the offline provider gives the test stack's request (namespace and token are placeholders). */
    static final String URL = OfflineOci.parUrl(OfflineOci.PLACEHOLDER_NAMESPACE, "turnkit-test-jar", "turnkit.jar");
    private static final String RELEASE = "https://github.com/example/turnkit/releases/download/v1.2.3/turnkit.jar";
    private static final String RELEASE_SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path project;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String userData(StackRun run) {
        Map<?, ?> metadata = (Map<?, ?>) run.one("oci:Core/instance:Instance").inputs().get("metadata");
        return new String(Base64.getDecoder().decode((String) metadata.get("user_data")), StandardCharsets.UTF_8);
    }

    private Path build(String content) throws IOException {
        Files.createDirectories(project.resolve("target"));
        return Files.writeString(project.resolve(TurnkitJar.BUILD), content);
    }

    @Test
    void oneRunUploadsTheBuildToAPrivateBucketAndTheVmGetsAReadOnlyUrlAndTheChecksum() throws IOException {
        Path jar = build("PK the laptop build");
        StackConfig config = TestStacks.config();
        StackRun run = StackRun.up(config, NsgRules.of(config), TurnkitJar.of(config, project, StackRun.CLOCK));
        assertThat(run.result().exitCode()).as(run.result().errors().toString()).isZero();

        Map<String, Object> bucket = run.one(BUCKET).inputs();
        assertThat(bucket).as("a private bucket in the stack's compartment and the tenancy's namespace")
                .containsEntry("accessType", "NoPublicAccess")
                .containsEntry("compartmentId", config.oci().compartmentId())
                .containsEntry("namespace", OfflineOci.PLACEHOLDER_NAMESPACE)
                .containsEntry("name", "turnkit-test-jar");
        Map<String, Object> object = run.one(OBJECT).inputs();
        assertThat(object).as("the provider uploads the build from its absolute path")
                .containsEntry("source", jar.toAbsolutePath().toString())
                .containsEntry("bucket", "turnkit-test-jar")
                .containsEntry("object", "turnkit.jar")
                .containsEntry("contentMd5", Base64.getEncoder().encodeToString(md5(jar)));
        Map<String, Object> par = run.one(PAR).inputs();
        assertThat(par).as("read access to that one object, for turnkitJarUploadMinutes (default 120)")
                .containsEntry("accessType", "ObjectRead")
                .containsEntry("bucket", "turnkit-test-jar")
                .containsEntry("objectName", "turnkit.jar")
                .containsEntry("timeExpires", "2026-12-01T12:00:00Z")
                .doesNotContainKeys("object", "bucketListingAction");

        String sha = sha256(jar);
        assertThat(userData(run)).as("the VM downloads the upload and checks the SHA-256 of the bytes uploaded")
                .contains("curl -fsSL", "'" + URL + "'", "echo '" + sha + "  /opt/turnkit/turnkit.jar'");
        List<String> order = run.oci().registered().stream().map(OfflineOci.Registered::type)
                .filter(t -> t.equals(OBJECT) || t.equals(PAR) || t.equals("oci:Core/instance:Instance")).toList();
        assertThat(order).as("the URL exists before the VM that needs it").containsExactly(OBJECT, PAR,
                "oci:Core/instance:Instance");
    }

    @Test
    void theUrlKeepsItsExpiryAcrossRunsAndANewBuildGetsANewUrl() throws IOException {
        build("PK build one");
        StackConfig config = TestStacks.config();
        Clock later = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
        String first = run(config, TurnkitJar.of(config, project, StackRun.CLOCK)).one(PAR).name();
        String again = run(config, TurnkitJar.of(config, project, later)).one(PAR).name();
        assertThat(again).as("same build, same request (its expiry change is ignored on update)").isEqualTo(first);
        build("PK build two");
        String rebuilt = run(config, TurnkitJar.of(config, project, later)).one(PAR).name();
        assertThat(rebuilt).as("a new build is a new request, created with a fresh expiry").isNotEqualTo(first)
                .startsWith("turnkit-test-jar-url-");
    }

    private static StackRun run(StackConfig config, TurnkitJar jar) {
        PulumiTest.cleanup();
        return StackRun.up(config, NsgRules.of(config), jar);
    }

    @Test
    void withAReleaseNothingIsUploaded() {
        StackConfig config = TestStacks.config("turnkitJarUrl", RELEASE, "turnkitJarSha256", RELEASE_SHA);
        TurnkitJar jar = TurnkitJar.of(config, project, StackRun.CLOCK);
        assertThat(jar).as("no build needed").isEqualTo(new TurnkitJar.Released(RELEASE, RELEASE_SHA));
        StackRun run = StackRun.up(config, NsgRules.of(config), jar);
        assertThat(run.ofType(BUCKET)).isEmpty();
        assertThat(run.ofType(OBJECT)).isEmpty();
        assertThat(run.ofType(PAR)).isEmpty();
        assertThat(userData(run)).contains("'" + RELEASE + "'", RELEASE_SHA).doesNotContain("objectstorage");
    }

    @Test
    void withoutAReleaseOrABuildTheStackStopsWithOneLineBeforeAnythingExists() {
        StackConfig config = TestStacks.config();
        assertThatThrownBy(() -> TurnkitJar.of(config, project, StackRun.CLOCK))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(project.resolve("target/turnkit.jar").toString() + " not found")
                .hasMessageContaining("mvn -B -DskipTests package")
                .hasMessageContaining("turnkit:turnkitJarUrl")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static byte[] md5(Path file) {
        try {
            return MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
