package dev.turnkit.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Firebase Web SDK's {@code initializeApp} needs, as the sample page reads it from the {@code firebase}
 * object of {@code /config.json}. The stack exports it as {@code firebaseWebConfig} (from the registered web app);
 * {@code turnkit local up} serves emulator values.
 */
public record FirebaseWebConfig(String apiKey, String authDomain, String projectId, String appId) {
    /** The emulators accept any API key and app id; these say where they come from. */
    public static FirebaseWebConfig emulator(String projectId) {
        return new FirebaseWebConfig("demo-api-key", projectId + ".firebaseapp.com", projectId,
                "1:000000000000:web:turnkit-local");
    }

    /** {apiKey, authDomain, projectId, appId}, in that order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("apiKey", apiKey);
        m.put("authDomain", authDomain);
        m.put("projectId", projectId);
        m.put("appId", appId);
        return java.util.Collections.unmodifiableMap(m);
    }
}
