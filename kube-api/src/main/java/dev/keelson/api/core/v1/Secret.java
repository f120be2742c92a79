package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds secret data of a certain type.
 *
 * @param data each value base64-encoded, exactly as in Kubernetes JSON (Go {@code []byte}); {@link
 *     #decoded(String)} gives the bytes. Kept as text so that records compare by value and
 *     round-trip unchanged; invalid base64 is refused
 * @param stringData write-only convenience: plain-text values the API server merges into {@code
 *     data}
 */
@KubeModel
public record Secret(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    Boolean immutable,
    Map<String, String> data,
    Map<String, String> stringData,
    String type)
    implements KubernetesObject, SecretBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Secret";

  public Secret {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    data = Immutable.map(data);
    stringData = Immutable.map(stringData);
    Base64Values.check("data", data);
  }

  @Override
  public Secret withMetadata(ObjectMeta metadata) {
    return SecretBuilder.With.super.withMetadata(metadata);
  }

  /** The decoded bytes of {@code data[key]}, or {@code null} when the key is absent. */
  public byte[] decoded(String key) {
    String value = data.get(key);
    return value == null ? null : Base64.getDecoder().decode(value);
  }

  /** A copy with {@code data[key]} set to the base64 encoding of {@code value}. */
  public Secret withDecoded(String key, byte[] value) {
    TreeMap<String, String> copy = new TreeMap<>(data);
    copy.put(key, Base64.getEncoder().encodeToString(value));
    return withData(copy);
  }
}
