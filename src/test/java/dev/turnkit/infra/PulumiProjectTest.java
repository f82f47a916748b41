package dev.turnkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.turnkit.model.StackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code Pulumi.yaml} declares every key the program reads, and what the program gets from Pulumi (stack values
 * merged with the project defaults, as the engine does) is the same config {@code turnkit plan} reads from the
 * stack file.
 */
class PulumiProjectTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> project() throws IOException {
        return YAML.readValue(Files.readString(Path.of("Pulumi.yaml")), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> schema() throws IOException {
        return (Map<String, Map<String, Object>>) project().get("config");
    }

    @Test
    void theProjectRunsJavaWithStackFilesUnderStacks() throws IOException {
        Map<String, Object> p = project();
        assertThat(p.get("name")).as("the project name is the config namespace").isEqualTo(StackConfig.NAMESPACE);
        assertThat(p.get("runtime")).isEqualTo("java");
        assertThat(p.get("stackConfigDir")).isEqualTo("stacks");
    }

    @Test
    void everyKeyTheProgramReadsIsDeclaredWithATypeAndADescription() throws IOException {
        Map<String, Map<String, Object>> schema = schema();
        assertThat(schema.keySet()).as("Pulumi.yaml config: exactly StackConfig.KEYS")
                .containsExactlyInAnyOrderElementsOf(StackConfig.KEYS);
        schema.forEach((key, type) -> {
            assertThat(type.get("type")).as(key + " is typed").isIn("string", "integer", "boolean", "array");
            assertThat((String) type.get("description")).as(key + " is documented").isNotBlank();
        });
    }

    @Test
    void theExampleStacksReachTheProgramAsTheSameConfigPlanReads() throws IOException {
        for (String stack : List.of("dev", "prod")) {
            String text = Files.readString(Path.of("stacks", "Pulumi." + stack + ".yaml"));
            StackConfig fromFile = StackConfig.fromYaml(stack, text);
            StackConfig fromPulumi = StackConfig.fromPulumiConfig(stack, PulumiStackConfig.values(
                    key -> engineValue(text, key)), Set.of());
            assertThat(fromPulumi).as(stack + ": Pulumi.yaml defaults plus the stack file give the same config")
                    .isEqualTo(fromFile);
        }
    }

    @Test
    void projectDefaultsLeaveShapeSizesToTheModelAndListsEmpty() throws IOException {
        String text = Files.readString(Path.of("stacks", "Pulumi.dev.yaml"))
                .replace("turnkit:shape: VM.Standard.A1.Flex", "turnkit:shape: VM.Standard.E2.1.Micro")
                .replaceAll("(?m)^  turnkit:(ocpus|memoryGb):.*\\n", "")
                .replaceAll("(?m)^  turnkit:allowedOrigins:\\n(    - .*\\n)+", "");
        StackConfig micro = StackConfig.fromPulumiConfig("dev", PulumiStackConfig.values(
                key -> engineValue(text, key)), Set.of());
        assertThat(micro.instance().memoryGb()).as("the Micro shape's fixed size, not a project default")
                .isEqualTo(1);
        assertThat(micro.credentials().allowedOrigins()).as("the project default [] arrives as a JSON array")
                .isEmpty();
    }

    @Test
    void aTurnSecretSetWithoutSecretIsRefusedAndAnEncryptedOneIsNeverKept() throws IOException {
        String text = Files.readString(Path.of("stacks", "Pulumi.dev.yaml"))
                .replaceAll("(?m)^  turnkit:turnSecretFile:.*\\n", "");
        Map<String, String> values = new LinkedHashMap<>(PulumiStackConfig.values(key -> engineValue(text, key)));
        values.put("turnkit:turnSecret", "hunter2");
        assertThatThrownBy(() -> StackConfig.fromPulumiConfig("dev", values, Set.of()))
                .as("set without --secret: refused").hasMessageContaining("turnkit:turnSecret: plaintext value");
        StackConfig encrypted = StackConfig.fromPulumiConfig("dev", values, Set.of("turnkit:turnSecret"));
        assertThat(encrypted.toString()).as("the decrypted value is not kept").doesNotContain("hunter2");
    }

    /** What the engine hands the program for a key: the stack value, else the project default, as strings. */
    @SuppressWarnings("unchecked")
    private static Optional<String> engineValue(String stackYaml, String key) {
        try {
            Map<String, Object> config = new LinkedHashMap<>(
                    (Map<String, Object>) YAML.readValue(stackYaml, Map.class).get("config"));
            Object v = config.containsKey("turnkit:" + key) ? config.get("turnkit:" + key)
                    : schema().get(key).get("default");
            if (v == null) {
                return Optional.empty();
            }
            return Optional.of(v instanceof List<?> || v instanceof Map<?, ?> ? JSON.writeValueAsString(v)
                    : String.valueOf(v));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
