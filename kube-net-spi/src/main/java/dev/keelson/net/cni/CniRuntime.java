package dev.keelson.net.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs CNI network configuration lists: the engine a pod-network SPI adapter calls.
 *
 * <pre>{@code
 * CniRuntime cni = CniRuntime.create(CniOptions.defaults().withCacheDir(dir));
 * NetworkConfigList net = NetworkConfigList.load(Path.of("/etc/cni/net.d/10-pods.conflist"));
 * CniResult r = cni.add(net, CniAttachment.of(sandboxId, "/run/netns/x", "eth0"));
 * cni.delete(net, CniAttachment.of(sandboxId, "/run/netns/x", "eth0"));
 * }</pre>
 *
 * <p>Operations on the same container id are serialized (the spec forbids concurrent ones); others
 * run in parallel. A failed ADD is not undone here: per the spec the caller must still DEL it.
 */
public final class CniRuntime {
  private static final int STRIPES = 64;
  private static final int VERSION_CACHE_MAX = 256;

  private final CniOptions options;
  private final PluginExec exec;
  private final ResultCache cache;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final Map<String, PluginVersionInfo> versions = new ConcurrentHashMap<>();

  private CniRuntime(CniOptions options) {
    this.options = options;
    this.exec = new PluginExec(options);
    this.cache = new ResultCache(options.cacheDir());
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** A runtime with these options. */
  public static CniRuntime create(CniOptions options) {
    return new CniRuntime(options);
  }

  /** The options. */
  public CniOptions options() {
    return options;
  }

  /** Where a plugin binary of this type is found, if anywhere in the plugin directories. */
  public Optional<Path> findPlugin(String type) {
    return exec.find(type);
  }

  /**
   * ADD: runs the plugins in order, each with the previous one's result as {@code prevResult},
   * caches the final result and returns it.
   *
   * @throws CniException the first plugin failure (nothing is cached; call {@link #delete} still)
   */
  public CniResult add(NetworkConfigList list, CniAttachment attachment) {
    return locked(
        attachment,
        () -> {
          negotiate(list);
          JsonNode prev = null;
          for (ObjectNode plugin : list.plugins()) {
            String type = plugin.get("type").asText();
            byte[] stdin = stdinFor(list, plugin, attachment, prev);
            PluginExec.Output out =
                exec.run(type, exec.require(type), env(CniCommand.ADD, attachment), stdin);
            prev = readResult(type, out.stdout());
          }
          CniResult result = CniResult.parse(prev, list.pluginTypes().getLast());
          cache.put(list, attachment, prev);
          return result;
        });
  }

  /**
   * DEL: runs the plugins in reverse order with the cached ADD result as {@code prevResult} (left
   * out when none is cached), then forgets the cached result. Safe to repeat.
   *
   * @throws CniException the first plugin failure (the cached result is kept for a retry)
   */
  public void delete(NetworkConfigList list, CniAttachment attachment) {
    locked(
        attachment,
        () -> {
          JsonNode prev = atLeast(list.cniVersion(), 0, 4) ? cachedRaw(list, attachment) : null;
          List<ObjectNode> plugins = new ArrayList<>(list.plugins());
          for (ObjectNode plugin : plugins.reversed()) {
            String type = plugin.get("type").asText();
            byte[] stdin = stdinFor(list, plugin, attachment, prev);
            exec.run(type, exec.require(type), env(CniCommand.DEL, attachment), stdin);
          }
          cache.remove(list.name(), attachment);
          return null;
        });
  }

  /**
   * CHECK: runs the plugins in order with the cached ADD result. Does nothing when the list sets
   * {@code disableCheck}.
   *
   * @throws CniException when the list's version predates CHECK (0.4.0), no result is cached, or a
   *     plugin reports a problem
   */
  public void check(NetworkConfigList list, CniAttachment attachment) {
    if (list.disableCheck()) {
      return;
    }
    if (!atLeast(list.cniVersion(), 0, 4)) {
      throw new CniException(
          CniErrorCode.INCOMPATIBLE_VERSION.code(),
          "CHECK needs cniVersion 0.4.0 or later, network "
              + list.name()
              + " has "
              + list.cniVersion(),
          "",
          "");
    }
    locked(
        attachment,
        () -> {
          JsonNode prev = cachedRaw(list, attachment);
          if (prev == null) {
            throw CniException.runtime(
                "",
                "no cached ADD result for network "
                    + list.name()
                    + ", container "
                    + attachment.containerId()
                    + ", interface "
                    + attachment.ifName(),
                null);
          }
          negotiate(list);
          for (ObjectNode plugin : list.plugins()) {
            String type = plugin.get("type").asText();
            byte[] stdin = stdinFor(list, plugin, attachment, prev);
            exec.run(type, exec.require(type), env(CniCommand.CHECK, attachment), stdin);
          }
          return null;
        });
  }

  /**
   * STATUS (CNI 1.1): asks every plugin of the list that supports 1.1.0 whether it is ready. Lists
   * older than 1.1.0, and plugins that predate it (such as Debian's 1.1.1 plugins, which speak up
   * to 1.0.0), are not asked: they are ready as far as CNI can tell.
   *
   * @return the plugin types that were asked
   * @throws CniException a plugin's answer that it is not ready (codes 50, 51) or another failure
   */
  public List<String> status(NetworkConfigList list) {
    List<String> asked = new ArrayList<>();
    if (!atLeast(list.cniVersion(), 1, 1)) {
      return asked;
    }
    for (ObjectNode plugin : list.plugins()) {
      String type = plugin.get("type").asText();
      Path binary = exec.require(type);
      if (!versionOf(type, binary, list.cniVersion()).supports("1.1.0")) {
        continue;
      }
      Map<String, String> env = new LinkedHashMap<>();
      env.put("CNI_COMMAND", CniCommand.STATUS.name());
      env.put("CNI_PATH", exec.cniPath());
      exec.run(type, binary, env, stdinFor(list, plugin, null, null));
      asked.add(type);
    }
    return asked;
  }

  /**
   * VERSION: which spec versions a plugin supports (asked with cniVersion 1.0.0).
   *
   * @throws CniException when the plugin is missing or answers nonsense
   */
  public PluginVersionInfo version(String type) {
    return versionOf(type, exec.require(type), "1.0.0");
  }

  /** The cached ADD result of an attachment, if any. */
  public Optional<CniResult> cachedResult(NetworkConfigList list, CniAttachment attachment) {
    return cache.get(list.name(), attachment).map(r -> CniResult.parse(r, ""));
  }

  private JsonNode cachedRaw(NetworkConfigList list, CniAttachment attachment) {
    return cache.get(list.name(), attachment).orElse(null);
  }

  private void negotiate(NetworkConfigList list) {
    for (String type : list.pluginTypes()) {
      Path binary = exec.require(type);
      if (!options.negotiateVersions()) {
        continue;
      }
      PluginVersionInfo info = versionOf(type, binary, list.cniVersion());
      if (!info.supports(list.cniVersion())) {
        throw new CniException(
            CniErrorCode.INCOMPATIBLE_VERSION.code(),
            "network "
                + list.name()
                + " uses cniVersion "
                + list.cniVersion()
                + " but the plugin supports only "
                + info.supportedVersions(),
            "",
            type);
      }
    }
  }

  private PluginVersionInfo versionOf(String type, Path binary, String askWith) {
    String key;
    try {
      key = binary + "@" + Files.getLastModifiedTime(binary).toMillis() + "@" + askWith;
    } catch (IOException e) {
      key = null;
    }
    if (key != null) {
      PluginVersionInfo cached = versions.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CNI_COMMAND", CniCommand.VERSION.name());
    env.put("CNI_PATH", exec.cniPath());
    ObjectNode in = NetworkConfigList.JSON.createObjectNode().put("cniVersion", askWith);
    PluginExec.Output out = exec.run(type, binary, env, bytes(in));
    JsonNode n = readResult(type, out.stdout());
    JsonNode supported = n.get("supportedVersions");
    if (supported == null || !supported.isArray()) {
      throw new CniException(
          CniErrorCode.DECODE_FAILURE.code(), "VERSION answer without supportedVersions", "", type);
    }
    List<String> list = new ArrayList<>();
    supported.forEach(v -> list.add(v.asText()));
    PluginVersionInfo info = new PluginVersionInfo(n.path("cniVersion").asText(""), list);
    if (key != null) {
      if (versions.size() >= VERSION_CACHE_MAX) {
        versions.clear();
      }
      versions.put(key, info);
    }
    return info;
  }

  /** The plugin's stdin: its config with the list's name and version, runtimeConfig, prevResult. */
  byte[] stdinFor(
      NetworkConfigList list, ObjectNode plugin, CniAttachment attachment, JsonNode prevResult) {
    ObjectNode conf = NetworkConfigList.JSON.createObjectNode();
    conf.put("cniVersion", list.cniVersion());
    conf.put("name", list.name());
    Iterator<Map.Entry<String, JsonNode>> it = plugin.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      switch (e.getKey()) {
        case "cniVersion", "name", "capabilities", "runtimeConfig", "prevResult" -> {}
        default -> conf.set(e.getKey(), e.getValue());
      }
    }
    ObjectNode runtimeConfig = NetworkConfigList.JSON.createObjectNode();
    if (plugin.get("runtimeConfig") instanceof ObjectNode given) {
      runtimeConfig.setAll(given);
    }
    JsonNode caps = plugin.get("capabilities");
    if (attachment != null && caps != null && caps.isObject()) {
      caps.fields()
          .forEachRemaining(
              c -> {
                Object value = attachment.capabilityArgs().get(c.getKey());
                if (c.getValue().asBoolean() && value != null) {
                  runtimeConfig.set(c.getKey(), NetworkConfigList.JSON.valueToTree(value));
                }
              });
    }
    if (!runtimeConfig.isEmpty()) {
      conf.set("runtimeConfig", runtimeConfig);
    }
    if (prevResult != null) {
      conf.set("prevResult", prevResult);
    }
    return bytes(conf);
  }

  private Map<String, String> env(CniCommand command, CniAttachment a) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CNI_COMMAND", command.name());
    env.put("CNI_CONTAINERID", a.containerId());
    env.put("CNI_NETNS", a.netns());
    env.put("CNI_IFNAME", a.ifName());
    env.put("CNI_ARGS", a.cniArgs());
    env.put("CNI_PATH", exec.cniPath());
    return env;
  }

  private static JsonNode readResult(String type, byte[] stdout) {
    try {
      JsonNode n = NetworkConfigList.JSON.readTree(stdout);
      if (n == null || !n.isObject()) {
        throw new CniException(
            CniErrorCode.DECODE_FAILURE.code(), "plugin printed no JSON object", "", type);
      }
      return n;
    } catch (IOException e) {
      String text = new String(stdout, StandardCharsets.UTF_8);
      throw new CniException(
          CniErrorCode.DECODE_FAILURE.code(),
          "plugin output is not JSON: " + (text.length() > 200 ? text.substring(0, 200) : text),
          "",
          type);
    }
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return NetworkConfigList.JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean atLeast(String version, int major, int minor) {
    String[] p = version.split("\\.");
    int ma = Integer.parseInt(p[0]);
    int mi = Integer.parseInt(p[1]);
    return ma > major || (ma == major && mi >= minor);
  }

  private interface Body<T> {
    T run();
  }

  private <T> T locked(CniAttachment a, Body<T> body) {
    ReentrantLock lock = locks[Math.floorMod(a.containerId().hashCode(), STRIPES)];
    lock.lock();
    try {
      return body.run();
    } finally {
      lock.unlock();
    }
  }
}
