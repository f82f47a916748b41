package dev.turnkit.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Config;
import dev.turnkit.model.StackConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the {@code turnkit:} keys from Pulumi's config (what {@code pulumi up} passes the program) into the one
 * {@link StackConfig}. {@code Pulumi.yaml} must give optional keys a default, so its "not set" defaults
 * ({@code ""}, and {@code 0} for {@link #ZERO_MEANS_UNSET}) are dropped here and the model applies its own.
 * Secret keys are passed on as {@code {secure: …}} markers only when Pulumi holds them encrypted: their values
 * are read as Pulumi secrets by {@link InfraMain} and never reach the model; a plaintext value is handed over
 * as is so the model reports it.
 */
final class PulumiStackConfig {
    private PulumiStackConfig() {
    }

    /** Keys whose Pulumi.yaml default 0 means "use the model's default" (it depends on the shape). */
    static final Set<String> ZERO_MEANS_UNSET = Set.of("ocpus", "memoryGb", "bpsCapacity");

    static StackConfig read(String stack, Config config) {
        return StackConfig.fromMap(stack, values(key -> config.get(key), secretKeys()));
    }

    /** The values the model sees, from a key lookup and the set of keys Pulumi holds encrypted. */
    static Map<String, Object> values(Function<String, Optional<String>> lookup, Set<String> encrypted) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : StackConfig.KEYS) {
            Optional<String> value = lookup.apply(key).filter(v -> !v.isBlank());
            if (value.isEmpty() || ZERO_MEANS_UNSET.contains(key) && value.get().trim().equals("0")) {
                continue;
            }
            boolean secure = StackConfig.SECRET_KEYS.contains(key)
                    && encrypted.contains(StackConfig.NAMESPACE + ":" + key);
            values.put(key, secure ? Map.of("secure", "(Pulumi secret)") : value.get());
        }
        return values;
    }

    /** {@code PULUMI_CONFIG_SECRET_KEYS}: the config keys the engine decrypted for the program (a JSON array). */
    private static Set<String> secretKeys() {
        String json = System.getenv("PULUMI_CONFIG_SECRET_KEYS");
        if (json == null || json.isBlank()) {
            return Set.of();
        }
        try {
            return Set.copyOf(Arrays.asList(new ObjectMapper().readValue(json, String[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PULUMI_CONFIG_SECRET_KEYS is not a JSON array: " + e.getOriginalMessage());
        }
    }
}
