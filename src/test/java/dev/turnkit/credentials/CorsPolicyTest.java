package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {
    private static final String APP = "https://app.example.test";
    private final CorsPolicy cors = new CorsPolicy(Set.of(APP));

    @Test
    void onlyExactConfiguredOriginsAreAllowed() {
        assertThat(cors.allows(APP)).isTrue();
        assertThat(cors.allows(null)).as("no Origin: not a browser cross-origin request").isTrue();
        for (String other : new String[] {"https://evil.example.test", APP + ".evil.test", "http://app.example.test",
            APP + "/", "null", "*"}) {
            assertThat(cors.allows(other)).as(other).isFalse();
        }
        assertThat(new CorsPolicy(Set.of()).allows(APP)).as("no origins configured: no page may call").isFalse();
    }

    @Test
    void allowedOriginsAreEchoedNeverStarAndNeverWithCredentials() {
        EndpointResponse r = EndpointResponse.empty(200);
        cors.addResponseHeaders(APP, r);
        assertThat(r.headers()).containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Expose-Headers", "Retry-After")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        EndpointResponse plain = EndpointResponse.empty(200);
        cors.addResponseHeaders(null, plain);
        assertThat(plain.headers()).doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void preflightListsMethodsHeadersAndCacheTime() {
        EndpointResponse r = cors.preflight(APP);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isNull();
        assertThat(r.headers()).containsEntry("Access-Control-Allow-Origin", APP)
                .containsEntry("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .containsEntry("Access-Control-Max-Age", "600");
    }
}
