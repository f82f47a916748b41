package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every attribute record is registered once, under its own type number, with a name. */
class CodecRegistryTest {
    @Test
    void everyAttributeRecordButUnknownIsRegistered() {
        Set<Class<?>> records = Arrays.stream(Attribute.class.getPermittedSubclasses())
                .filter(c -> c != Attribute.Unknown.class)
                .collect(Collectors.toSet());
        Set<Class<?>> registered = AttributeCodec.kinds().stream()
                .map(AttributeCodec.Kind::record)
                .collect(Collectors.toSet());
        assertThat(registered).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void typeNumbersAndNamesAreUnique() {
        List<Integer> types = AttributeCodec.kinds().stream().map(AttributeCodec.Kind::type).toList();
        List<String> names = AttributeCodec.kinds().stream().map(AttributeCodec.Kind::name).toList();
        assertThat(types).doesNotHaveDuplicates();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("[A-Z0-9-]+"));
    }

    @Test
    void eachRecordReportsTheTypeItIsRegisteredUnder() {
        List<Attribute> samples = Samples.oneOfEach();
        for (Attribute a : samples) {
            AttributeCodec.Kind<?> kind = AttributeCodec.kinds().stream()
                    .filter(k -> k.record() == a.getClass()).findFirst().orElseThrow();
            assertThat(a.type()).as(kind.name()).isEqualTo(kind.type());
        }
        assertThat(samples.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("the samples cover every registered record")
                .containsExactlyInAnyOrderElementsOf(
                        AttributeCodec.kinds().stream().map(AttributeCodec.Kind::record).toList());
    }

    @Test
    void namesComeFromTheRegistry() {
        assertThat(AttributeCodec.name(Attribute.Types.XOR_RELAYED_ADDRESS)).isEqualTo("XOR-RELAYED-ADDRESS");
        assertThat(AttributeCodec.name(0x7FFF)).isEqualTo("0x7FFF");
    }

    @Test
    void computedAttributesCannotBeEncodedAsValues() {
        TransactionId tid = TransactionId.random();
        assertThatThrownBy(() -> AttributeCodec.encodeValue(new Attribute.Fingerprint(1), tid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FINGERPRINT is computed by Message.Builder");
        assertThatThrownBy(() -> AttributeCodec.encodeValue(new Attribute.MessageIntegrity(new byte[20]), tid))
                .hasMessageContaining("MESSAGE-INTEGRITY is computed");
    }

    @Test
    void decodeErrorsNameTheAttribute() {
        assertThatThrownBy(() -> AttributeCodec.decode(Attribute.Types.LIFETIME, new byte[3], 0, 3,
                TransactionId.random()))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("LIFETIME must be 4 bytes, is 3");
    }
}
