package dev.keelson.node.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.DownwardAPIVolumeFile;
import dev.keelson.api.core.v1.KeyToPath;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Secret;
import dev.keelson.api.core.v1.ServiceAccount;
import dev.keelson.api.core.v1.ServiceAccountTokenProjection;
import dev.keelson.api.core.v1.Volume;
import dev.keelson.api.core.v1.VolumeProjection;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.values.Quantity;
import dev.keelson.controller.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets up a pod's volumes under {@code <root>/pods/<uid>/volumes/<plugin>/<name>} as kubelet lays
 * them out: emptyDir (a directory, mode 0777), hostPath (type-checked, created for {@code
 * DirectoryOrCreate}/{@code FileOrCreate}), and configMap, secret, downwardAPI and projected
 * volumes written with {@link AtomicWriter} (items, modes, optional). Called on every pod sync, so
 * API-data volumes follow their ConfigMaps, Secrets and pod metadata. Service account tokens in
 * projected volumes come from the API's TokenRequest ({@code serviceaccounts/token}) and are
 * renewed after 80% of their lifetime; an API without TokenRequest fails the volume.
 */
final class VolumeManager {
  static final String EMPTY_DIR = "kubernetes.io~empty-dir";
  static final String CONFIG_MAP = "kubernetes.io~configmap";
  static final String SECRET = "kubernetes.io~secret";
  static final String DOWNWARD_API = "kubernetes.io~downward-api";
  static final String PROJECTED = "kubernetes.io~projected";
  static final String HOST_PATH = "kubernetes.io~host-path";
  private static final int DEFAULT_MODE = 0644;

  private final Path root;
  private final Clock clock;
  private final Map<String, Quantity> allocatable;
  private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

  private record CachedToken(byte[] token, Instant renewAt) {}

  /** The result of one set-up: the volumes that are ready and the errors of the others. */
  record SetUp(Map<String, MountedVolume> volumes, Map<String, String> errors) {}

  VolumeManager(Path root, Clock clock, Map<String, Quantity> allocatable) {
    this.root = root;
    this.clock = clock;
    this.allocatable = allocatable;
  }

  /** The pod's directory. */
  Path podDir(String uid) {
    return root.resolve("pods").resolve(uid);
  }

  /** Sets up (or refreshes) every volume of {@code pod}. */
  SetUp setUp(Pod pod, ConfigSources sources) {
    Map<String, MountedVolume> ok = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (Volume v : pod.spec().volumes()) {
      try {
        MountedVolume m = setUp(pod, v, sources);
        if (m == null) {
          errors.put(v.name(), volumeType(v) + " volumes are not supported by this node agent");
        } else {
          ok.put(v.name(), m);
        }
      } catch (VolumeException | IllegalArgumentException e) {
        errors.put(v.name(), e.getMessage());
      } catch (IOException e) {
        errors.put(v.name(), e.toString());
      }
    }
    return new SetUp(ok, errors);
  }

  private static String volumeType(Volume v) {
    var it = KubeJson.toTree(v).fieldNames();
    while (it.hasNext()) {
      String f = it.next();
      if (!f.equals("name")) {
        return f;
      }
    }
    return "empty";
  }

  /** Removes the pod's directory (volumes, resolv.conf) and forgets its tokens. */
  void cleanUp(String uid) {
    tokens.keySet().removeIf(k -> k.startsWith(uid + "/"));
    try {
      AtomicWriter.deleteTree(podDir(uid));
    } catch (IOException e) {
      // best effort: kubelet's orphan cleanup retries too
    }
  }

  private Path volumeDir(Pod pod, String plugin, String name) {
    return podDir(pod.metadata().uid()).resolve("volumes").resolve(plugin).resolve(name);
  }

  private MountedVolume setUp(Pod pod, Volume v, ConfigSources sources) throws IOException {
    if (v.emptyDir() != null) {
      Path dir = volumeDir(pod, EMPTY_DIR, v.name());
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, AtomicWriter.permissions(0777));
      }
      String medium = v.emptyDir().medium() == null ? "" : v.emptyDir().medium();
      return new MountedVolume(v.name(), EMPTY_DIR, dir, false, medium);
    }
    if (v.hostPath() != null) {
      Path p = Path.of(v.hostPath().path());
      checkHostPath(p, v.hostPath().type() == null ? "" : v.hostPath().type());
      return new MountedVolume(v.name(), HOST_PATH, p, false, "");
    }
    Map<String, FileProjection> payload;
    String plugin;
    if (v.configMap() != null) {
      plugin = CONFIG_MAP;
      var src = v.configMap();
      payload =
          configMapPayload(
              sources, src.name(), src.items(), mode(src.defaultMode()), isTrue(src.optional()));
    } else if (v.secret() != null) {
      plugin = SECRET;
      var src = v.secret();
      payload =
          secretPayload(
              sources,
              src.secretName(),
              src.items(),
              mode(src.defaultMode()),
              isTrue(src.optional()));
    } else if (v.downwardAPI() != null) {
      plugin = DOWNWARD_API;
      payload = downwardPayload(pod, v.downwardAPI().items(), mode(v.downwardAPI().defaultMode()));
    } else if (v.projected() != null) {
      plugin = PROJECTED;
      int dm = mode(v.projected().defaultMode());
      payload = new LinkedHashMap<>();
      for (VolumeProjection s : v.projected().sources()) {
        if (s.configMap() != null) {
          payload.putAll(
              configMapPayload(
                  sources,
                  s.configMap().name(),
                  s.configMap().items(),
                  dm,
                  isTrue(s.configMap().optional())));
        } else if (s.secret() != null) {
          payload.putAll(
              secretPayload(
                  sources,
                  s.secret().name(),
                  s.secret().items(),
                  dm,
                  isTrue(s.secret().optional())));
        } else if (s.downwardAPI() != null) {
          payload.putAll(downwardPayload(pod, s.downwardAPI().items(), dm));
        } else if (s.serviceAccountToken() != null) {
          ServiceAccountTokenProjection t = s.serviceAccountToken();
          payload.put(t.path(), new FileProjection(token(pod, t, sources), dm));
        } else {
          throw new VolumeException("projected volume source is not supported by this node agent");
        }
      }
    } else {
      return null;
    }
    Path dir = volumeDir(pod, plugin, v.name());
    new AtomicWriter(dir, clock).write(payload);
    return new MountedVolume(v.name(), plugin, dir, true, "");
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  private static int mode(Integer m) {
    return m == null ? DEFAULT_MODE : m;
  }

  private static Map<String, FileProjection> configMapPayload(
      ConfigSources sources,
      String name,
      List<KeyToPath> items,
      int defaultMode,
      boolean optional) {
    Optional<ConfigMap> found = sources.configMap(name);
    Map<String, FileProjection> out = new LinkedHashMap<>();
    if (found.isEmpty()) {
      if (optional) {
        return out;
      }
      throw new VolumeException(ConfigSources.configMapNotFound(name));
    }
    ConfigMap cm = found.get();
    Map<String, byte[]> all = new LinkedHashMap<>();
    cm.data().forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
    cm.binaryData().keySet().forEach(k -> all.put(k, cm.binary(k)));
    if (items.isEmpty()) {
      all.forEach((k, v) -> out.put(k, new FileProjection(v, defaultMode)));
      return out;
    }
    for (KeyToPath item : items) {
      byte[] data = all.get(item.key());
      if (data == null) {
        if (optional) {
          continue;
        }
        throw new VolumeException("configmap references non-existent config key: " + item.key());
      }
      out.put(
          item.path(), new FileProjection(data, item.mode() != null ? item.mode() : defaultMode));
    }
    return out;
  }

  private static Map<String, FileProjection> secretPayload(
      ConfigSources sources,
      String name,
      List<KeyToPath> items,
      int defaultMode,
      boolean optional) {
    Optional<Secret> found = sources.secret(name);
    Map<String, FileProjection> out = new LinkedHashMap<>();
    if (found.isEmpty()) {
      if (optional) {
        return out;
      }
      throw new VolumeException(ConfigSources.secretNotFound(name));
    }
    Map<String, byte[]> all = ConfigSources.secretData(found.get());
    if (items.isEmpty()) {
      all.forEach((k, v) -> out.put(k, new FileProjection(v, defaultMode)));
      return out;
    }
    for (KeyToPath item : items) {
      byte[] data = all.get(item.key());
      if (data == null) {
        if (optional) {
          continue;
        }
        throw new VolumeException("references non-existent secret key: " + item.key());
      }
      out.put(
          item.path(), new FileProjection(data, item.mode() != null ? item.mode() : defaultMode));
    }
    return out;
  }

  private Map<String, FileProjection> downwardPayload(
      Pod pod, List<DownwardAPIVolumeFile> items, int defaultMode) {
    Map<String, FileProjection> out = new LinkedHashMap<>();
    for (DownwardAPIVolumeFile f : items) {
      String value;
      if (f.fieldRef() != null) {
        value = DownwardApi.metadataField(pod, f.fieldRef().fieldPath());
      } else if (f.resourceFieldRef() != null) {
        String cn = f.resourceFieldRef().containerName();
        Container c = cn == null ? null : pod.spec().container(cn);
        if (c == null) {
          throw new VolumeException(
              "container " + cn + " not found in pod " + pod.metadata().name());
        }
        value = DownwardApi.resourceField(c, f.resourceFieldRef(), allocatable);
      } else {
        continue;
      }
      out.put(
          f.path(),
          new FileProjection(
              value.getBytes(StandardCharsets.UTF_8), f.mode() != null ? f.mode() : defaultMode));
    }
    return out;
  }

  /** A token from TokenRequest, cached until 80% of its lifetime (at most 24 h) has passed. */
  private byte[] token(Pod pod, ServiceAccountTokenProjection t, ConfigSources sources) {
    String sa =
        pod.spec().serviceAccountName() == null || pod.spec().serviceAccountName().isEmpty()
            ? "default"
            : pod.spec().serviceAccountName();
    long expiration = t.expirationSeconds() == null ? 3600 : t.expirationSeconds();
    String key =
        pod.metadata().uid() + "/" + sa + "/" + t.audience() + "/" + expiration + "/" + t.path();
    Instant now = clock.instant();
    CachedToken cached = tokens.get(key);
    if (cached != null && now.isBefore(cached.renewAt())) {
      return cached.token();
    }
    GenericObject body =
        GenericObject.of("authentication.k8s.io/v1", "TokenRequest", ObjectMeta.named(sa));
    var spec = body.json().putObject("spec");
    if (t.audience() != null && !t.audience().isEmpty()) {
      spec.putArray("audiences").add(t.audience());
    }
    spec.put("expirationSeconds", expiration);
    var ref = spec.putObject("boundObjectRef");
    ref.put("apiVersion", "v1").put("kind", "Pod");
    ref.put("name", pod.metadata().name()).put("uid", pod.metadata().uid());
    JsonNode answer;
    try {
      answer =
          sources
              .client()
              .resources(ServiceAccount.class)
              .inNamespace(sources.namespace())
              .createSubresource(sa, "token", body);
    } catch (ApiException e) {
      throw new VolumeException("failed to fetch token: " + e.getMessage());
    }
    JsonNode tok = answer == null ? null : answer.path("status").path("token");
    if (tok == null || !tok.isTextual() || tok.asText().isEmpty()) {
      throw new VolumeException(
          "failed to fetch token: the API server answered no token for service account "
              + sa
              + (answer == null ? "" : ": " + KubeJson.encodeToString(answer)));
    }
    long ttl = Math.min(expiration, Duration.ofHours(24).toSeconds());
    Instant renew = now.plusSeconds(ttl * 8 / 10);
    byte[] value = tok.asText().getBytes(StandardCharsets.UTF_8);
    tokens.put(key, new CachedToken(value, renew));
    return value;
  }

  /** Kubelet's hostPath type checks, with its messages. */
  static void checkHostPath(Path p, String type) throws IOException {
    BasicFileAttributes a = attributes(p);
    switch (type) {
      case "" -> {}
      case "DirectoryOrCreate", "Directory" -> {
        if (a == null && type.equals("DirectoryOrCreate")) {
          Files.createDirectories(p);
          Files.setPosixFilePermissions(p, AtomicWriter.permissions(0755));
          return;
        }
        if (a == null || !a.isDirectory()) {
          throw new VolumeException("hostPath type check failed: " + p + " is not a directory");
        }
      }
      case "FileOrCreate", "File" -> {
        if (a == null && type.equals("FileOrCreate")) {
          Files.createFile(
              p,
              java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                  AtomicWriter.permissions(0644)));
          return;
        }
        if (a == null || a.isDirectory()) {
          throw new VolumeException("hostPath type check failed: " + p + " is not a file");
        }
      }
      case "Socket" -> {
        if (a == null || !a.isOther() || !"socket".equals(fileType(p))) {
          throw new VolumeException("hostPath type check failed: " + p + " is not a socket file");
        }
      }
      case "CharDevice" -> {
        if (a == null || !"character special file".equals(fileType(p))) {
          throw new VolumeException(
              "hostPath type check failed: " + p + " is not a character device");
        }
      }
      case "BlockDevice" -> {
        if (a == null || !"block special file".equals(fileType(p))) {
          throw new VolumeException("hostPath type check failed: " + p + " is not a block device");
        }
      }
      default -> throw new VolumeException(type + " is an invalid volume type");
    }
  }

  private static BasicFileAttributes attributes(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }

  /** The file type from the unix {@code mode} attribute (socket, character/block special file). */
  private static String fileType(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      return switch (mode & 0170000) {
        case 0140000 -> "socket";
        case 0020000 -> "character special file";
        case 0060000 -> "block special file";
        default -> "other";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "unknown";
    }
  }

  /** A volume cannot be set up; the message is kubelet's. */
  static final class VolumeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VolumeException(String message) {
      super(message);
    }
  }
}
