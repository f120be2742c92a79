package dev.keelson.node.cri.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an OCI image layout archive (what {@code ctr images import} reads) from the host's static
 * busybox: one layer with {@code /bin/busybox} and symlinks for the applets tests use, and two
 * images on it: {@link #BUSYBOX} (runs {@code sh}) and {@link #PAUSE} (sleeps forever, the sandbox
 * image).
 */
public final class BusyboxImage {
  /** The busybox image's reference. */
  public static final String BUSYBOX = "keelson.test/busybox:1";

  /** The sandbox ("pause") image's reference. */
  public static final String PAUSE = "keelson.test/pause:1";

  /** The applets linked into {@code /bin}. */
  public static final List<String> APPLETS =
      List.of(
          "sh",
          "sleep",
          "echo",
          "cat",
          "ls",
          "touch",
          "rm",
          "test",
          "true",
          "false",
          "httpd",
          "wget",
          "nc",
          "hostname",
          "ip",
          "ps",
          "kill",
          "date",
          "env",
          "mkdir",
          "printf",
          "grep");

  private static final ObjectMapper JSON = new ObjectMapper();

  private BusyboxImage() {}

  /** Writes the archive built from {@code busybox} (a static binary) to {@code target}. */
  public static void write(Path busybox, Path target) throws IOException {
    TarWriter layer = new TarWriter();
    for (String d : List.of("bin", "dev", "etc", "proc", "sys", "tmp", "var", "www")) {
      layer.directory(d, d.equals("tmp") ? 01777 : 0755);
    }
    layer.file("bin/busybox", 0755, Files.readAllBytes(busybox));
    for (String a : APPLETS) {
      layer.symlink("bin/" + a, "busybox");
    }
    layer.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n".getBytes());
    layer.file("etc/group", 0644, "root:x:0:\n".getBytes());
    layer.file("www/index.html", 0644, "keelson\n".getBytes());
    byte[] layerTar = layer.finish();

    TarWriter archive = new TarWriter();
    archive.file("oci-layout", 0644, "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
    archive.directory("blobs", 0755).directory("blobs/sha256", 0755);
    blob(archive, layerTar);
    Map<String, Object> busyboxManifest =
        manifest(archive, layerTar, Map.of("Env", List.of("PATH=/bin"), "Cmd", List.of("sh")));
    Map<String, Object> pauseManifest =
        manifest(
            archive,
            layerTar,
            Map.of("Env", List.of("PATH=/bin"), "Entrypoint", List.of("sleep", "2147483647")));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", "application/vnd.oci.image.index.v1+json");
    index.put("manifests", List.of(named(busyboxManifest, BUSYBOX), named(pauseManifest, PAUSE)));
    archive.file("index.json", 0644, JSON.writeValueAsBytes(index));
    Files.write(target, archive.finish());
  }

  private static Map<String, Object> manifest(
      TarWriter archive, byte[] layerTar, Map<String, Object> runConfig) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    config.put("config", runConfig);
    config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(digest(layerTar))));
    byte[] configJson = JSON.writeValueAsBytes(config);
    blob(archive, configJson);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    manifest.put(
        "config", descriptor("application/vnd.oci.image.config.v1+json", configJson, Map.of()));
    manifest.put(
        "layers",
        List.of(descriptor("application/vnd.oci.image.layer.v1.tar", layerTar, Map.of())));
    byte[] manifestJson = JSON.writeValueAsBytes(manifest);
    blob(archive, manifestJson);
    return descriptor("application/vnd.oci.image.manifest.v1+json", manifestJson, Map.of());
  }

  private static Map<String, Object> named(Map<String, Object> descriptor, String ref) {
    Map<String, Object> d = new LinkedHashMap<>(descriptor);
    d.put(
        "annotations",
        Map.of(
            "io.containerd.image.name",
            ref,
            "org.opencontainers.image.ref.name",
            ref.substring(ref.lastIndexOf(':') + 1)));
    return d;
  }

  private static Map<String, Object> descriptor(
      String mediaType, byte[] content, Map<String, String> annotations) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("digest", digest(content));
    d.put("size", content.length);
    if (!annotations.isEmpty()) {
      d.put("annotations", annotations);
    }
    return d;
  }

  private static void blob(TarWriter archive, byte[] content) {
    archive.file("blobs/sha256/" + digest(content).substring("sha256:".length()), 0644, content);
  }

  static String digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
