package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.VolumeMount;
import dev.keelson.node.spi.Mount;
import dev.keelson.node.spi.MountPropagation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves a container's volumeMounts into CRI mounts: the volume's host path, plus the subPath
 * ({@code subPathExpr} expanded with the container's environment) resolved through symlinks and
 * kept inside the volume, created as a directory when missing, as kubelet does. API-data volumes
 * (configMap, secret, downwardAPI, projected) are always read-only.
 */
final class Mounts {
  private Mounts() {}

  static List<Mount> resolve(
      Container c, Map<String, MountedVolume> volumes, Map<String, String> env) {
    List<Mount> out = new ArrayList<>();
    for (VolumeMount vm : c.volumeMounts()) {
      MountedVolume v = volumes.get(vm.name());
      if (v == null) {
        throw new ContainerConfigException(
            "cannot find volume \""
                + vm.name()
                + "\" to mount into container \""
                + c.name()
                + "\"");
      }
      String sub = vm.subPath() == null ? "" : vm.subPath();
      if (vm.subPathExpr() != null && !vm.subPathExpr().isEmpty()) {
        sub = Expansion.expand(vm.subPathExpr(), env::get);
      }
      Path host = v.hostPath();
      if (!sub.isEmpty()) {
        host = subPath(c, vm, v, sub);
      }
      boolean ro = Boolean.TRUE.equals(vm.readOnly()) || v.apiData();
      out.add(
          new Mount(
              vm.mountPath(), host.toString(), ro, false, propagation(vm.mountPropagation()), sub));
    }
    return out;
  }

  private static Path subPath(Container c, VolumeMount vm, MountedVolume v, String sub) {
    String fail =
        "failed to prepare subPath for volumeMount \""
            + vm.name()
            + "\" of container \""
            + c.name()
            + "\"";
    if (sub.startsWith("/") || List.of(sub.split("/")).contains("..")) {
      throw new ContainerConfigException(
          fail + ": subPath \"" + sub + "\" must be a relative path without \"..\"");
    }
    try {
      Path base = v.hostPath().toRealPath();
      Path p = v.hostPath().resolve(sub);
      if (!Files.exists(p)) {
        if (v.apiData()) {
          throw new ContainerConfigException(fail + ": " + p + " does not exist");
        }
        Files.createDirectories(p);
      }
      Path real = p.toRealPath();
      if (!real.startsWith(base)) {
        throw new ContainerConfigException(
            fail + ": subpath \"" + real + "\" not within volume path \"" + base + "\"");
      }
      return real;
    } catch (IOException e) {
      throw new ContainerConfigException(fail + ": " + e);
    }
  }

  private static MountPropagation propagation(String p) {
    if (p == null) {
      return MountPropagation.PROPAGATION_PRIVATE;
    }
    return switch (p) {
      case "HostToContainer" -> MountPropagation.PROPAGATION_HOST_TO_CONTAINER;
      case "Bidirectional" -> MountPropagation.PROPAGATION_BIDIRECTIONAL;
      default -> MountPropagation.PROPAGATION_PRIVATE;
    };
  }
}
