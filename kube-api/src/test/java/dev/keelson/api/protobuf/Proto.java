package dev.keelson.api.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds protobuf messages with protobuf-java's CodedOutputStream (an independent encoder). */
final class Proto {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

  static Proto message() {
    return new Proto();
  }

  Proto string(int field, String value) {
    return run(() -> out.writeString(field, value));
  }

  Proto bytes(int field, byte[] value) {
    return run(() -> out.writeByteArray(field, value));
  }

  Proto int32(int field, int value) {
    return run(() -> out.writeInt32(field, value));
  }

  Proto int64(int field, long value) {
    return run(() -> out.writeInt64(field, value));
  }

  Proto bool(int field, boolean value) {
    return run(() -> out.writeBool(field, value));
  }

  Proto message(int field, Proto value) {
    return run(() -> out.writeBytes(field, ByteString.copyFrom(value.toBytes())));
  }

  /** A map entry: key 1, string value 2. */
  Proto entry(int field, String key, String value) {
    return message(field, message().string(1, key).string(2, value));
  }

  /** A map entry: key 1, message value 2. */
  Proto entry(int field, String key, Proto value) {
    return message(field, message().string(1, key).message(2, value));
  }

  /** A resource.Quantity. */
  static Proto quantity(String value) {
    return message().string(1, value);
  }

  /** A Kubernetes envelope: {@code k8s\0} and a runtime.Unknown around this object. */
  byte[] enveloped(String apiVersion, String kind) {
    byte[] unknown =
        message()
            .message(1, message().string(1, apiVersion).string(2, kind))
            .bytes(2, toBytes())
            .string(3, "")
            .string(4, "")
            .toBytes();
    byte[] body = new byte[4 + unknown.length];
    body[0] = 'k';
    body[1] = '8';
    body[2] = 's';
    System.arraycopy(unknown, 0, body, 4, unknown.length);
    return body;
  }

  byte[] toBytes() {
    run(out::flush);
    return bytes.toByteArray();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private interface Write {
    void run() throws IOException;
  }

  private Proto run(Write w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
