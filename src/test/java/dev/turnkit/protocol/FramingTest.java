package dev.turnkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramingTest {

    @Test
    void channelDataRoundTripsPaddedAndUnpadded() throws Exception {
        ChannelData cd = new ChannelData(0x4000, new byte[] {1, 2, 3, 4, 5});
        byte[] unpadded = cd.encode(false);
        byte[] padded = cd.encode(true);
        assertThat(unpadded).hasSize(9);
        assertThat(padded).as("stream ChannelData is padded to 4 (RFC 8656 §12.5)").hasSize(12);
        assertThat(ChannelData.decode(unpadded)).isEqualTo(cd);
        assertThat(ChannelData.decode(padded)).isEqualTo(cd);
    }

    @Test
    void channelDataRejectsBadChannelsAndTruncation() {
        assertThatThrownBy(() -> ChannelData.decode(new byte[] {0x50, 0x00, 0, 0}))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("0x5000 outside 0x4000..0x4FFF");
        assertThatThrownBy(() -> ChannelData.decode(new byte[] {0x40, 0x00, 0, 8, 1}))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("header says 8 bytes of data, 1 present");
        assertThatThrownBy(() -> ChannelData.decode(new byte[] {0x40}))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("truncated ChannelData");
    }

    @Test
    void streamFramingFindsBoundaries() throws Exception {
        byte[] stun = Vectors.request21();
        byte[] cd = new ChannelData(0x4001, new byte[] {9, 9, 9}).encode(true);
        assertThat(StreamFraming.frameLength(stun, 0, 3)).as("needs 4 bytes to know").isEqualTo(-1);
        assertThat(StreamFraming.frameLength(stun, 0, stun.length)).isEqualTo(stun.length);
        assertThat(StreamFraming.frameLength(cd, 0, cd.length)).isEqualTo(8);
        byte[] garbage = {(byte) 0xC0, 0, 0, 0};
        assertThatThrownBy(() -> StreamFraming.frameLength(garbage, 0, 4)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("out of sync");
        byte[] merged = Arrays.copyOf(stun, stun.length + cd.length);
        System.arraycopy(cd, 0, merged, stun.length, cd.length);
        assertThat(StreamFraming.frameLength(merged, stun.length, cd.length)).isEqualTo(8);
    }
}
