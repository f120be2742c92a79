package dev.keelson.node.internal;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Secret;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.client.KubeClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the ConfigMaps and Secrets of one pod sync from the API, each at most once per instance
 * (kubelet's "Get" manager strategy: fresh on every sync). Absent objects are empty optionals.
 */
final class ConfigSources {
  private final KubeClient client;
  private final String namespace;
  private final Map<String, Optional<ConfigMap>> configMaps = new HashMap<>();
  private final Map<String, Optional<Secret>> secrets = new HashMap<>();

  ConfigSources(KubeClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  Optional<ConfigMap> configMap(String name) {
    return configMaps.computeIfAbsent(
        name,
        n -> {
          try {
            return Optional.of(client.resources(ConfigMap.class).inNamespace(namespace).get(n));
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  Optional<Secret> secret(String name) {
    return secrets.computeIfAbsent(
        name,
        n -> {
          try {
            return Optional.of(client.resources(Secret.class).inNamespace(namespace).get(n));
          } catch (NotFoundException e) {
            return Optional.empty();
          }
        });
  }

  KubeClient client() {
    return client;
  }

  String namespace() {
    return namespace;
  }

  /**
   * A Secret's values: {@code data} decoded, with {@code stringData} on top (the API server merges
   * it into {@code data} on write; a Secret that still carries it is read the same way).
   */
  static Map<String, byte[]> secretData(Secret s) {
    Map<String, byte[]> out = new java.util.TreeMap<>();
    for (String k : s.data().keySet()) {
      out.put(k, s.decoded(k));
    }
    s.stringData()
        .forEach((k, v) -> out.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return out;
  }

  /** Kubelet's not-found message for a ConfigMap. */
  static String configMapNotFound(String name) {
    return "configmap \"" + name + "\" not found";
  }

  /** Kubelet's not-found message for a Secret. */
  static String secretNotFound(String name) {
    return "secret \"" + name + "\" not found";
  }
}
