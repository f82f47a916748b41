package dev.turnkit.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Config;
import dev.turnkit.model.StackConfig;
import dev.turnkit.model.StackKey;
import dev.turnkit.model.StackKeys;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the {@code turnkit:} keys from Pulumi's config (what {@code pulumi up} passes the program) into the one
 * {@link StackConfig}, through {@link StackConfig#fromPulumiConfig} (which keeps no decrypted secret).
 * {@code Pulumi.yaml} must give optional keys a default, so its "not set" defaults ({@code ""}, and {@code 0} for
 * the keys the table marks {@link StackKey#zeroMeansUnset()}) are dropped here and the model applies its own
 * (e.g. the shape's size).
 */
final class PulumiStackConfig {
    private PulumiStackConfig() {
    }

    static StackConfig read(String stack, Config config) {
        return StackConfig.fromPulumiConfig(stack, values(config::get), secretKeys());
    }

    /** {@code turnkit:<key>} → value for every key that is set, from a lookup of bare keys. */
    static Map<String, String> values(Function<String, Optional<String>> lookup) {
        Map<String, String> values = new LinkedHashMap<>();
        for (StackKey<?> key : StackKeys.ALL) {
            Optional<String> value = lookup.apply(key.name());
            if (value.isPresent() && !key.isUnset(value.get())) {
                values.put(key.qualifiedName(), value.get());
            }
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
