package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quotedStringsParseBackToTheSameValue() throws Exception {
        for (String value : new String[] {"", "plain:uid-1._", "quote\" backslash\\ slash/", "tab\t newline\n nul\0",
            "line\u2028separator\u2029", "ünïcødé ✓"}) {
            String quoted = JsonText.quote(value);
            assertThat(JSON.readValue(quoted, String.class)).as("round trip of " + quoted).isEqualTo(value);
            assertThat(quoted).as("no raw control characters").doesNotContainPattern("[\\x00-\\x1f\\u2028\\u2029]");
        }
    }

    @Test
    void accessLogLinesAreValidJsonEvenForHostileMethods() throws Exception {
        StringBuilder line = new StringBuilder();
        new AccessLog(line::append).completed(new RequestListener.RequestOutcome("127.0.0.1", "GE\"T\n",
                "/v1/turn-credentials", 405, 1_234_567, null, null, "method_not_allowed"));
        assertThat(JSON.readTree(line.toString()).path("method").asText()).isEqualTo("GE\"T\n");
        assertThat(JSON.readTree(line.toString()).path("ms").asDouble()).isEqualTo(1.23);
    }
}
