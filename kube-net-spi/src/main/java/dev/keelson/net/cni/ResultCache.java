package dev.keelson.net.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * ADD results on disk, one JSON file per network, container and interface ({@code
 * <network>-<containerId>-<ifName>}, like libcni's results cache, in Keelson's own format).
 */
final class ResultCache {
  static final String KIND = "keelson.dev/cni-result-cache/v1";

  private final Path dir;

  ResultCache(Path dir) {
    this.dir = dir;
  }

  Path file(String network, CniAttachment a) {
    // network, container id and interface name are validated: no '/' and not "." or "..".
    return dir.resolve(network + "-" + a.containerId() + "-" + a.ifName());
  }

  void put(NetworkConfigList list, CniAttachment a, JsonNode result) {
    ObjectNode doc = NetworkConfigList.JSON.createObjectNode();
    doc.put("kind", KIND);
    doc.put("networkName", list.name());
    doc.put("containerId", a.containerId());
    doc.put("ifName", a.ifName());
    doc.put("netns", a.netns());
    doc.put("cniArgs", a.cniArgs());
    doc.set("capabilityArgs", NetworkConfigList.JSON.valueToTree(a.capabilityArgs()));
    doc.set("config", list.toJson());
    doc.set("result", result);
    Path target = file(list.name(), a);
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
      try {
        Files.write(tmp, NetworkConfigList.JSON.writeValueAsBytes(doc));
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw CniException.runtime("", "cannot write result cache " + target + ": " + e, e);
    }
  }

  /** The cached result document, empty when none (or unreadable: DEL must still proceed). */
  Optional<JsonNode> get(String network, CniAttachment a) {
    Path f = file(network, a);
    try (InputStream in = Files.newInputStream(f)) {
      byte[] bytes = in.readNBytes(NetworkConfigList.MAX_CONFIG_BYTES * 4 + 1);
      if (bytes.length > NetworkConfigList.MAX_CONFIG_BYTES * 4) {
        return Optional.empty();
      }
      JsonNode doc = NetworkConfigList.JSON.readTree(bytes);
      if (doc == null
          || !KIND.equals(doc.path("kind").asText())
          || !doc.path("result").isObject()) {
        return Optional.empty();
      }
      return Optional.of(doc.get("result"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  void remove(String network, CniAttachment a) {
    Path f = file(network, a);
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      throw CniException.runtime("", "cannot remove result cache " + f + ": " + e, e);
    }
  }
}
