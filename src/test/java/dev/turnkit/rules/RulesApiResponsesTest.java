package dev.turnkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What each answer of the Rules API means, without a server: Google's error body shape is {@code {"error": …}}. */
class RulesApiResponsesTest {
    private static final String PATH = "projects/p/rulesets";

    private static String error(int code, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    @Test
    void aSuccessIsItsJsonBodyOrAnEmptyObject() {
        assertThat(RulesApiResponses.read("GET", PATH, 200, "{\"name\":\"x\"}").path("name").asText())
                .isEqualTo("x");
        assertThat(RulesApiResponses.read("DELETE", PATH, 200, "").isEmpty()).isTrue();
        assertThatThrownBy(() -> RulesApiResponses.read("GET", PATH, 200, "<html>proxy</html>"))
                .isInstanceOf(RulesException.class)
                .hasMessage("unexpected non-JSON answer from the Rules API: <html>proxy</html>");
    }

    @Test
    void rejectedCredentialsAreBadInputWithTheFix() {
        assertThatThrownBy(() -> RulesApiResponses.read("POST", PATH, 401, error(401, "UNAUTHENTICATED",
                "Request had invalid authentication credentials.")))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("POST projects/p/rulesets: HTTP 401 UNAUTHENTICATED: "
                            + "Request had invalid authentication credentials.").contains("--credentials FILE");
                });
    }

    @Test
    void aForbiddenForEndUserCredentialsNeedsAQuotaProjectOtherwiseTheRole() {
        assertThatThrownBy(() -> RulesApiResponses.read("GET", PATH, 403, error(403, "PERMISSION_DENIED",
                "Your application is authenticating by using local Application Default Credentials. The "
                        + "firebaserules.googleapis.com API requires a quota project, which is not set by default.")))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.BAD_INPUT);
                    assertThat(e.getMessage()).contains("set-quota-project PROJECT");
                });
        assertThatThrownBy(() -> RulesApiResponses.read("GET", PATH, 403, error(403, "PERMISSION_DENIED",
                "The caller does not have permission")))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("roles/firebaserules.admin");
                });
    }

    @Test
    void anyOtherErrorNamesTheRequestAndTheBodyOnOneLine() {
        assertThatThrownBy(() -> RulesApiResponses.read("PATCH", PATH, 503, "upstream\n  connect error"))
                .isInstanceOfSatisfying(RulesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RulesException.Kind.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("Rules API PATCH projects/p/rulesets: HTTP 503 upstream "
                            + "connect error");
                });
        assertThat(RulesApiResponses.errorText(error(429, "RESOURCE_EXHAUSTED", "Quota exceeded")))
                .isEqualTo("RESOURCE_EXHAUSTED: Quota exceeded");
    }
}
