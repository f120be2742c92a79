package dev.keelson.net.cni;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A validated CNI network configuration list ({@code .conflist}: {@code name}, {@code cniVersion},
 * {@code disableCheck}, {@code plugins}). A single network configuration ({@code .conf}, with a
 * top-level {@code type}) loads as a list of one plugin.
 *
 * @param name the network name
 * @param cniVersion the spec version every plugin of the list is run with
 * @param disableCheck whether CHECK must not be run for this network
 * @param plugins the plugin configurations in ADD order (copies; each has a {@code type})
 * @param source where the configuration came from (a file name or "inline"), for messages
 */
public record NetworkConfigList(
    String name, String cniVersion, boolean disableCheck, List<ObjectNode> plugins, String source) {

  /** Largest configuration document accepted. */
  public static final int MAX_CONFIG_BYTES = 1 << 20;

  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
  private static final Pattern TYPE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  /** Copies the plugin objects so the list stays immutable. */
  public NetworkConfigList {
    plugins = plugins.stream().map(ObjectNode::deepCopy).toList();
  }

  /** The plugin configurations in ADD order (fresh copies). */
  @Override
  public List<ObjectNode> plugins() {
    return plugins.stream().map(ObjectNode::deepCopy).toList();
  }

  /** The plugin types in ADD order. */
  public List<String> pluginTypes() {
    return plugins.stream().map(p -> p.get("type").asText()).toList();
  }

  /** The list as a {@code .conflist} JSON document. */
  public ObjectNode toJson() {
    ObjectNode out = JSON.createObjectNode();
    out.put("cniVersion", cniVersion);
    out.put("name", name);
    if (disableCheck) {
      out.put("disableCheck", true);
    }
    plugins.forEach(p -> out.withArray("plugins").add(p.deepCopy()));
    return out;
  }

  /**
   * Parses and validates a {@code .conflist} or {@code .conf} document.
   *
   * @throws InvalidNetworkConfigException naming {@code source} and what is wrong
   */
  public static NetworkConfigList parse(String json, String source) {
    if (json.length() > MAX_CONFIG_BYTES) {
      throw new InvalidNetworkConfigException(source, "larger than " + MAX_CONFIG_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidNetworkConfigException(source, "not valid JSON: " + e.getOriginalMessage());
    }
    return fromJson(root, source);
  }

  /** Validates an already parsed document; see {@link #parse(String, String)}. */
  public static NetworkConfigList fromJson(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new InvalidNetworkConfigException(source, "not a JSON object");
    }
    String name = requiredString(root, "name", source);
    if (!NAME.matcher(name).matches()) {
      throw new InvalidNetworkConfigException(
          source,
          "name \""
              + name
              + "\" must start with a letter or digit followed by letters, digits, '_', '.' or '-'");
    }
    String version = requiredString(root, "cniVersion", source);
    if (!VERSION.matcher(version).matches()) {
      throw new InvalidNetworkConfigException(
          source, "cniVersion \"" + version + "\" is not a version like 1.0.0");
    }
    boolean disableCheck = false;
    JsonNode dc = root.get("disableCheck");
    if (dc != null && !dc.isNull()) {
      if (dc.isBoolean()) {
        disableCheck = dc.asBoolean();
      } else if (dc.isTextual() && (dc.asText().equals("true") || dc.asText().equals("false"))) {
        disableCheck = Boolean.parseBoolean(dc.asText());
      } else {
        throw new InvalidNetworkConfigException(source, "disableCheck must be true or false");
      }
    }
    List<ObjectNode> plugins = new ArrayList<>();
    JsonNode list = root.get("plugins");
    if (list == null && root.has("type")) {
      ObjectNode single = ((ObjectNode) root).deepCopy();
      single.remove(List.of("name", "cniVersion", "disableCheck"));
      plugins.add(single);
    } else if (list == null || !list.isArray() || list.isEmpty()) {
      throw new InvalidNetworkConfigException(
          source, "plugins must be a non-empty list (or the document a single config with type)");
    } else {
      int i = 0;
      for (JsonNode p : list) {
        if (!p.isObject()) {
          throw new InvalidNetworkConfigException(source, "plugins[" + i + "] is not an object");
        }
        plugins.add(((ObjectNode) p).deepCopy());
        i++;
      }
    }
    for (int i = 0; i < plugins.size(); i++) {
      validatePlugin(plugins.get(i), "plugins[" + i + "]", source);
    }
    return new NetworkConfigList(name, version, disableCheck, plugins, source);
  }

  private static void validatePlugin(ObjectNode p, String where, String source) {
    String type = requiredString(p, "type", source + " " + where);
    if (!TYPE.matcher(type).matches()) {
      throw new InvalidNetworkConfigException(
          source, where + ".type \"" + type + "\" is not a plain executable name");
    }
    JsonNode ipam = p.get("ipam");
    if (ipam != null && !ipam.isNull()) {
      if (!ipam.isObject()) {
        throw new InvalidNetworkConfigException(source, where + ".ipam is not an object");
      }
      JsonNode ipamType = ipam.get("type");
      if (ipamType == null || !ipamType.isTextual() || !TYPE.matcher(ipamType.asText()).matches()) {
        throw new InvalidNetworkConfigException(
            source, where + ".ipam.type must be a plain executable name");
      }
    }
    JsonNode caps = p.get("capabilities");
    if (caps != null && !caps.isNull()) {
      if (!caps.isObject()) {
        throw new InvalidNetworkConfigException(source, where + ".capabilities is not an object");
      }
      Iterator<Map.Entry<String, JsonNode>> it = caps.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isBoolean()) {
          throw new InvalidNetworkConfigException(
              source, where + ".capabilities." + e.getKey() + " must be true or false");
        }
      }
    }
  }

  private static String requiredString(JsonNode node, String field, String source) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidNetworkConfigException(source, "missing " + field);
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new InvalidNetworkConfigException(source, field + " must be a non-empty string");
    }
    return v.asText();
  }

  /** Loads one file; see {@link #parse(String, String)}. */
  public static NetworkConfigList load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
      if (bytes.length > MAX_CONFIG_BYTES) {
        throw new InvalidNetworkConfigException(
            file.toString(), "larger than " + MAX_CONFIG_BYTES + " bytes");
      }
      return parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), file.toString());
    }
  }

  /**
   * Loads every {@code .conflist}, {@code .conf} and {@code .json} file of a directory in file name
   * order (the order runtimes pick the default network from). A missing directory has none.
   *
   * @throws InvalidNetworkConfigException for the first invalid file
   */
  public static List<NetworkConfigList> loadDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(
                  f -> {
                    String n = f.getFileName().toString();
                    return n.endsWith(".conflist") || n.endsWith(".conf") || n.endsWith(".json");
                  })
              .sorted()
              .toList();
    }
    List<NetworkConfigList> out = new ArrayList<>();
    for (Path f : files) {
      out.add(load(f));
    }
    return out;
  }
}
