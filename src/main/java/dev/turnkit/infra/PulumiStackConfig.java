package dev.turnkit.infra;

import com.pulumi.Config;
import dev.turnkit.model.StackConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code turnkit:} keys from Pulumi's config (what {@code pulumi up} passes the program) into the one
 * {@link StackConfig}. Secret keys are passed on as {@code {secure: …}} markers only: their values are read as
 * Pulumi secrets by {@link InfraMain} and never reach the model.
 */
final class PulumiStackConfig {
    private PulumiStackConfig() {
    }

    static StackConfig read(String stack, Config config) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : StackConfig.KEYS) {
            Optional<String> value = config.get(key);
            if (value.isEmpty()) {
                continue;
            }
            values.put(key, StackConfig.SECRET_KEYS.contains(key) ? Map.of("secure", "(Pulumi secret)")
                    : value.get());
        }
        return StackConfig.fromMap(stack, values);
    }
}
