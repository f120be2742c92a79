package dev.keelson.api.core.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.meta.ObjectMeta;
import java.util.Base64;
import java.util.Map;

/**
 * Holds configuration data for pods to consume.
 *
 * @param binaryData each value base64-encoded, exactly as in Kubernetes JSON (Go {@code []byte});
 *     {@link #binary(String)} gives the bytes; invalid base64 is refused
 */
@KubeModel
public record ConfigMap(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    Boolean immutable,
    Map<String, String> data,
    Map<String, String> binaryData)
    implements KubernetesObject, ConfigMapBuilder.With {
  public static final String API_VERSION = "v1";
  public static final String KIND = "ConfigMap";

  public ConfigMap {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? KIND : kind;
    data = Immutable.map(data);
    binaryData = Immutable.map(binaryData);
    Base64Values.check("binaryData", binaryData);
  }

  @Override
  public ConfigMap withMetadata(ObjectMeta metadata) {
    return ConfigMapBuilder.With.super.withMetadata(metadata);
  }

  /** The decoded bytes of {@code binaryData[key]}, or {@code null} when the key is absent. */
  public byte[] binary(String key) {
    String value = binaryData.get(key);
    return value == null ? null : Base64.getDecoder().decode(value);
  }
}
