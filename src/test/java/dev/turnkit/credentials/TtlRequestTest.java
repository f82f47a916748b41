package dev.turnkit.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtlRequestTest {
    private final TtlRequest ttls = new TtlRequest(64);

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBad(ThrowingCall call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void queryTtlIsWholePositiveSeconds() throws Exception {
        assertThat(TtlRequest.fromQuery(null)).isNull();
        assertThat(TtlRequest.fromQuery("username=alice")).isNull();
        assertThat(TtlRequest.fromQuery("ttl=600")).isEqualTo(600L);
        assertThat(TtlRequest.fromQuery("ttl=60&x=1&ttl=120")).as("the last one wins").isEqualTo(120L);
        assertThat(TtlRequest.fromQuery("xttl=5")).as("only the ttl parameter").isNull();
        for (String bad : new String[] {"ttl=-5", "ttl=1.5", "ttl=", "ttl=9999999999", "ttl=1e3"}) {
            assertBad(() -> TtlRequest.fromQuery(bad), 400, "bad_ttl");
        }
        assertBad(() -> TtlRequest.fromQuery("ttl=0"), 400, "bad_ttl");
    }

    @Test
    void bodyTtlIsAJsonObjectField() throws Exception {
        assertThat(ttls.fromBody(null, body(""))).as("an empty body asks for nothing").isNull();
        assertThat(ttls.fromBody(null, body("{\"ttl\": 120}"))).isEqualTo(120L);
        assertThat(ttls.fromBody("12", body("{\"ttl\":null}"))).isNull();
        assertThat(ttls.fromBody(null, body("{\"other\":1}"))).isNull();
        assertBad(() -> ttls.fromBody(null, body("ttl=60")), 400, "bad_request");
        assertBad(() -> ttls.fromBody(null, body("[60]")), 400, "bad_request");
        assertBad(() -> ttls.fromBody(null, body("{\"ttl\":\"60\"}")), 400, "bad_ttl");
        assertBad(() -> ttls.fromBody(null, body("{\"ttl\":1.5}")), 400, "bad_ttl");
        assertBad(() -> ttls.fromBody(null, body("{\"ttl\":0}")), 400, "bad_ttl");
    }

    @Test
    void oversizedBodiesAreRefusedWithoutReadingThemWhole() throws Exception {
        assertBad(() -> ttls.fromBody("65", body("{}")), 413, "body_too_large");
        assertBad(() -> ttls.fromBody("-1", body("{}")), 413, "body_too_large");
        int[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return ' ';
            }
        };
        assertBad(() -> ttls.fromBody(null, endless), 413, "body_too_large");
        assertThat(read[0]).as("at most the limit plus one byte is read").isLessThanOrEqualTo(65);
    }

    @Test
    void aPostBodyOverridesTheQueryAndGetIgnoresTheBody() throws IOException, BadRequestException {
        EndpointRequest post = EndpointRequest.of("POST", "/v1/turn-credentials?ttl=60", Map.of(),
                "{\"ttl\":90}".getBytes(StandardCharsets.UTF_8));
        assertThat(ttls.parse(post)).isEqualTo(90L);
        EndpointRequest get = EndpointRequest.of("GET", "/v1/turn-credentials?ttl=60", Map.of(),
                "{\"ttl\":90}".getBytes(StandardCharsets.UTF_8));
        assertThat(ttls.parse(get)).isEqualTo(60L);
        EndpointRequest postWithoutTtl = EndpointRequest.of("POST", "/v1/turn-credentials?ttl=60", Map.of(),
                new byte[0]);
        assertThat(ttls.parse(postWithoutTtl)).isEqualTo(60L);
    }
}
