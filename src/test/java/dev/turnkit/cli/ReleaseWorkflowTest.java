package dev.turnkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release workflow ({@code .github/workflows/release.yml}) builds {@code turnkit.jar} and its SHA-256 on a
 * version tag: its "Build" and "Checksum" steps run here, verbatim, in a copy of the repository's tracked files.
 */
class ReleaseWorkflowTest {
    private static final Path WORKFLOW = Path.of(".github/workflows/release.yml");

    @TempDir
    Path copy;

    @Test
    void onAVersionTagTheBuildAndChecksumStepsProduceAVerifiedJar() throws Exception {
        JsonNode wf = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
        assertThat(wf.path("on").path("push").path("tags").get(0).asText()).isEqualTo("v*.*.*");
        assertThat(wf.path("permissions").path("contents").asText()).as("to attach assets").isEqualTo("write");
        JsonNode steps = wf.path("jobs").path("release").path("steps");
        String build = step(steps, "Build");
        String checksum = step(steps, "Checksum");
        assertThat(step(steps, "Attach to the release")).contains("target/turnkit.jar target/turnkit.jar.sha256");

        for (String file : run(Path.of("."), "git ls-files --cached --others --exclude-standard").lines().toList()) {
            Path from = Path.of(file);
            if (Files.isRegularFile(from) && !file.startsWith("e2e/node_modules") && !file.startsWith("web/")) {
                Files.createDirectories(copy.resolve(file).getParent());
                Files.copy(from, copy.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        run(copy, build);
        String printed = run(copy, checksum);

        Path jar = copy.resolve("target/turnkit.jar");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
        assertThat(Files.readString(copy.resolve("target/turnkit.jar.sha256")))
                .as("sha256sum format: what the stack's turnkit:turnkitJarSha256 takes, then the file name")
                .isEqualTo(sha + "  turnkit.jar\n");
        assertThat(printed).contains("turnkit.jar: OK");
        assertThat(run(copy, "java -jar target/turnkit.jar --version")).as("the released jar runs").isNotBlank();

        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 1;
        Files.write(jar, bytes);
        assertThat(exec(copy.resolve("target"), "sha256sum -c turnkit.jar.sha256").exitCode)
                .as("a changed jar fails the checksum the VM applies").isNotZero();
    }

    private static String step(JsonNode steps, String name) {
        for (JsonNode s : steps) {
            if (name.equals(s.path("name").asText())) {
                return s.path("run").asText();
            }
        }
        throw new AssertionError("release.yml has no step named '" + name + "'");
    }

    private record Exec(int exitCode, String output) {
    }

    private static String run(Path dir, String script) throws Exception {
        Exec e = exec(dir, script);
        assertThat(e.exitCode).as(script + ":\n" + e.output).isZero();
        return e.output;
    }

    private static Exec exec(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-e", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + script);
        }
        return new Exec(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
