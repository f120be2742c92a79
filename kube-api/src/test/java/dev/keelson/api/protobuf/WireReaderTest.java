package dev.keelson.api.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.protobuf.internal.WireReader;
import org.junit.jupiter.api.Test;

/** The wire reader reads what protobuf-java writes and refuses malformed input. */
class WireReaderTest {
  @Test
  void readsVarintsIncludingNegativeInt32AndInt64() {
    byte[] b =
        Proto.message()
            .int32(1, 300)
            .int32(2, -1)
            .int64(3, Long.MIN_VALUE)
            .bool(4, true)
            .string(5, "héllo")
            .bytes(6, new byte[] {9, 8})
            .toBytes();
    WireReader r = new WireReader(b);
    assertThat(WireReader.number(r.tag())).isEqualTo(1);
    assertThat(r.varint()).isEqualTo(300);
    int tag = r.tag();
    assertThat(WireReader.number(tag)).isEqualTo(2);
    assertThat(WireReader.wireType(tag)).isEqualTo(WireReader.VARINT);
    assertThat((int) r.varint()).isEqualTo(-1);
    r.tag();
    assertThat(r.varint()).isEqualTo(Long.MIN_VALUE);
    r.tag();
    assertThat(r.varint()).isEqualTo(1);
    tag = r.tag();
    assertThat(WireReader.wireType(tag)).isEqualTo(WireReader.LENGTH_DELIMITED);
    assertThat(r.string()).isEqualTo("héllo");
    r.tag();
    assertThat(r.bytes()).containsExactly(9, 8);
    assertThat(r.atEnd()).isTrue();
  }

  @Test
  void skipsEveryWireTypeButGroups() {
    byte[] b = {
      0x08, (byte) 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1a, 2, 'h', 'i', 0x25, 1, 2, 3, 4
    };
    WireReader r = new WireReader(b);
    for (int i = 0; i < 4; i++) {
      r.skip(WireReader.wireType(r.tag()));
    }
    assertThat(r.atEnd()).isTrue();
    assertThatThrownBy(() -> new WireReader(new byte[] {0x0b}).skip(3))
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("wire type 3");
  }

  @Test
  void refusesTruncatedAndOversizedInput() {
    assertThatThrownBy(() -> new WireReader(new byte[] {(byte) 0x80}).varint())
        .hasMessageContaining("truncated protobuf varint");
    byte[] eleven = new byte[11];
    java.util.Arrays.fill(eleven, (byte) 0xff);
    assertThatThrownBy(() -> new WireReader(eleven).varint())
        .hasMessageContaining("more than 10 bytes");
    assertThatThrownBy(() -> readString(new byte[] {0x0a, 5, (byte) 97}))
        .isInstanceOf(ProtobufException.class);
    assertThatThrownBy(() -> new WireReader(new byte[] {0x00}).tag())
        .hasMessageContaining("invalid protobuf field number 0");
    assertThatThrownBy(() -> new WireReader(new byte[] {1, 2, 3}).fixed64())
        .hasMessageContaining("truncated");
  }

  private static String readString(byte[] b) {
    WireReader r = new WireReader(b);
    r.tag();
    return r.string();
  }
}
