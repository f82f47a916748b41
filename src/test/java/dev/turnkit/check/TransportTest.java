package dev.turnkit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnkit.transport.TransportType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The check API's transport enum mirrors {@link TransportType} and shares its grammar. */
class TransportTest {
    @Test
    void mirrorsTheTransportLayersEnum() {
        assertThat(Arrays.stream(Transport.values()).map(Transport::toTransportType))
                .containsExactly(TransportType.values());
        assertThat(Arrays.stream(Transport.values()).map(Transport::id)).containsExactly("udp", "tcp", "tls");
    }

    @Test
    void parsesAnyCaseAndRefusesTheRestInOneLine() {
        assertThat(Transport.parse(" TLS ")).isEqualTo(Transport.TLS);
        assertThat(Transport.parse("udp")).isEqualTo(Transport.UDP);
        assertThatThrownBy(() -> Transport.parse("quic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown transport 'quic' (expected udp, tcp or tls)");
    }
}
