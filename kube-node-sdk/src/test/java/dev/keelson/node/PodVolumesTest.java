package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.KubeJson;
import dev.keelson.client.ListOptions;
import dev.keelson.node.AgentHarness.SimNode;
import dev.keelson.node.spi.ContainerConfig;
import dev.keelson.node.spi.Mount;
import dev.keelson.node.spi.MountPropagation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod volumes on a simulated node: kubelet's directory layout, AtomicWriter projections with modes,
 * updates that follow the ConfigMap and the pod's labels, subPath, the mounts passed to the
 * runtime, and the waits and events of missing sources and failed hostPath checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodVolumesTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private void create(String ns, String yaml, Class<?> type) {
    if (type == ConfigMap.class) {
      ConfigMap cm = KubeJson.decodeYaml(yaml, ConfigMap.class);
      h.client.resources(ConfigMap.class).inNamespace(ns).create(cm);
    } else {
      var s = KubeJson.decodeYaml(yaml, dev.keelson.api.core.v1.Secret.class);
      h.client.resources(dev.keelson.api.core.v1.Secret.class).inNamespace(ns).create(s);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private Event awaitEvent(String ns, String reason, String messagePart) {
    return AgentHarness.awaitValue(
        reason + " event containing " + messagePart,
        () ->
            h
                .client
                .resources(Event.class)
                .inNamespace(ns)
                .list(ListOptions.none())
                .items()
                .stream()
                .filter(e -> reason.equals(e.reason()) && e.message().contains(messagePart))
                .findFirst()
                .orElse(null));
  }

  private static boolean running(Pod p) {
    return "Running".equals(p.status().phase());
  }

  @Test
  void everyVolumeTypeIsLaidOutProjectedWithModesAndMountedIntoTheContainer() throws Exception {
    String ns = h.namespace();
    create(
        ns,
        """
        metadata: {name: app-config}
        data: {app.properties: "color=blue", other: "x"}
        """,
        ConfigMap.class);
    create(
        ns,
        """
        metadata: {name: creds}
        data: {password: czNjcjN0, user: YWRtaW4=}
        """,
        Object.class);
    try (SimNode node = h.node()) {
      Pod created =
          h.createPod(
              ns,
              node,
              """
              metadata: {name: vols, labels: {app: v}}
              spec:
                containers:
                - name: app
                  image: busybox
                  resources: {limits: {cpu: 500m, memory: 64Mi}}
                  env: [{name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
                  volumeMounts:
                  - {name: scratch, mountPath: /per-pod, subPathExpr: "$(POD_NAME)/logs"}
                  - {name: cfg, mountPath: /etc/cfg}
                  - {name: sec, mountPath: /etc/sec, readOnly: true}
                  - {name: scratch, mountPath: /scratch}
                  - {name: scratch, mountPath: /deep, subPath: a/b}
                  - {name: info, mountPath: /etc/podinfo}
                  - {name: all, mountPath: /etc/all, mountPropagation: HostToContainer}
                volumes:
                - name: cfg
                  configMap:
                    name: app-config
                    items: [{key: app.properties, path: conf/app.properties, mode: 384}]
                - {name: sec, secret: {secretName: creds, defaultMode: 256}}
                - {name: scratch, emptyDir: {medium: Memory}}
                - name: info
                  downwardAPI:
                    items:
                    - {path: labels, fieldRef: {fieldPath: metadata.labels}}
                    - {path: name, fieldRef: {fieldPath: metadata.name}}
                    - path: cpu
                      resourceFieldRef: {containerName: app, resource: limits.cpu, divisor: 1m}
                - name: all
                  projected:
                    sources:
                    - configMap: {name: app-config}
                    - secret: {name: creds, items: [{key: password, path: pw}]}
              """);
      h.await(ns, "vols", "Running", PodVolumesTest::running);
      Path vols = node.agent().podDir(created.metadata().uid()).resolve("volumes");

      Path cfg = vols.resolve("kubernetes.io~configmap/cfg");
      assertThat(read(cfg.resolve("conf/app.properties"))).isEqualTo("color=blue");
      assertThat(perms(cfg.resolve("conf/app.properties"))).isEqualTo("rw-------");
      assertThat(Files.exists(cfg.resolve("other"))).as("only the listed items").isFalse();
      assertThat(Files.isSymbolicLink(cfg.resolve("conf"))).isTrue();
      assertThat(Files.readSymbolicLink(cfg.resolve("conf"))).isEqualTo(Path.of("..data/conf"));
      assertThat(Files.readSymbolicLink(cfg.resolve("..data")).toString())
          .matches("\\.\\.2024_01_01_00_00_00\\.\\d+");

      Path sec = vols.resolve("kubernetes.io~secret/sec");
      assertThat(read(sec.resolve("password"))).isEqualTo("s3cr3t");
      assertThat(read(sec.resolve("user"))).isEqualTo("admin");
      assertThat(perms(sec.resolve("password"))).isEqualTo("r--------");

      Path scratch = vols.resolve("kubernetes.io~empty-dir/scratch");
      assertThat(scratch).isDirectory();
      assertThat(perms(scratch)).isEqualTo("rwxrwxrwx");
      assertThat(scratch.resolve("a/b")).as("subPath created").isDirectory();

      Path info = vols.resolve("kubernetes.io~downward-api/info");
      assertThat(read(info.resolve("labels"))).isEqualTo("app=\"v\"");
      assertThat(read(info.resolve("name"))).isEqualTo("vols");
      assertThat(read(info.resolve("cpu"))).isEqualTo("500");
      assertThat(perms(info.resolve("name"))).isEqualTo("rw-r--r--");

      Path all = vols.resolve("kubernetes.io~projected/all");
      assertThat(read(all.resolve("app.properties"))).isEqualTo("color=blue");
      assertThat(read(all.resolve("other"))).isEqualTo("x");
      assertThat(read(all.resolve("pw"))).isEqualTo("s3cr3t");
      assertThat(Files.exists(all.resolve("user"))).isFalse();

      ContainerConfig cc = node.runtime().containerConfig(ns, "vols", "app").orElseThrow();
      Map<String, Mount> mounts =
          cc.mounts().stream().collect(Collectors.toMap(Mount::containerPath, Function.identity()));
      assertThat(mounts).hasSize(7);
      assertThat(mounts.get("/per-pod").hostPath())
          .isEqualTo(scratch.resolve("vols/logs").toRealPath().toString());
      assertThat(mounts.get("/etc/cfg").hostPath()).isEqualTo(cfg.toString());
      assertThat(mounts.get("/etc/cfg").readonly()).as("API data is read-only").isTrue();
      assertThat(mounts.get("/etc/sec").readonly()).isTrue();
      assertThat(mounts.get("/scratch").readonly()).isFalse();
      assertThat(mounts.get("/scratch").hostPath()).isEqualTo(scratch.toString());
      assertThat(mounts.get("/deep").hostPath())
          .isEqualTo(scratch.resolve("a/b").toRealPath().toString());
      assertThat(mounts.get("/deep").subPath()).isEqualTo("a/b");
      assertThat(mounts.get("/etc/all").propagation())
          .isEqualTo(MountPropagation.PROPAGATION_HOST_TO_CONTAINER);
      assertThat(mounts.get("/etc/cfg").propagation())
          .isEqualTo(MountPropagation.PROPAGATION_PRIVATE);
    }
  }

  @Test
  void configMapChangesAndLabelChangesReachTheFilesAtomically() throws Exception {
    String ns = h.namespace();
    create(
        ns,
        """
        metadata: {name: live}
        data: {a: "1", b: "2"}
        """,
        ConfigMap.class);
    try (SimNode node = h.node()) {
      Pod created =
          h.createPod(
              ns,
              node,
              """
              metadata: {name: watcher, labels: {v: one}}
              spec:
                containers:
                - name: app
                  image: busybox
                  volumeMounts: [{name: cfg, mountPath: /cfg}, {name: info, mountPath: /info}]
                volumes:
                - {name: cfg, configMap: {name: live, defaultMode: 416}}
                - name: info
                  downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
              """);
      h.await(ns, "watcher", "Running", PodVolumesTest::running);
      Path cfg =
          node.agent()
              .podDir(created.metadata().uid())
              .resolve("volumes/kubernetes.io~configmap/cfg");
      Path firstData = Files.readSymbolicLink(cfg.resolve("..data"));
      assertThat(read(cfg.resolve("a"))).isEqualTo("1");
      assertThat(perms(cfg.resolve("a"))).isEqualTo("rw-r-----");

      var cms = h.client.resources(ConfigMap.class).inNamespace(ns);
      ConfigMap cm = cms.get("live");
      cms.update(cm.withData(Map.of("a", "10", "c", "3")));
      node.clock().advance(Duration.ofSeconds(10)); // the pod's resync
      // The writer swaps ..data first and cleans up after it (stale links, the old directory):
      // wait for the last step, then check the whole result.
      AgentHarness.awaitValue(
          "the old timestamped dir removed after the update",
          () -> Files.exists(cfg.resolve(firstData), LinkOption.NOFOLLOW_LINKS) ? null : true);
      assertThat(read(cfg.resolve("a"))).isEqualTo("10");
      assertThat(read(cfg.resolve("c"))).isEqualTo("3");
      assertThat(Files.exists(cfg.resolve("b"), LinkOption.NOFOLLOW_LINKS))
          .as("the link of a removed key is removed")
          .isFalse();
      assertThat(Files.readSymbolicLink(cfg.resolve("..data"))).isNotEqualTo(firstData);

      var pods = h.client.resources(Pod.class).inNamespace(ns);
      Pod p = pods.get("watcher");
      pods.update(p.withMetadata(p.metadata().withLabels(Map.of("v", "two"))));
      Path labels =
          node.agent()
              .podDir(created.metadata().uid())
              .resolve("volumes/kubernetes.io~downward-api/info/labels");
      AgentHarness.awaitValue("labels file", () -> "v=\"two\"".equals(read(labels)) ? true : null);
    }
  }

  @Test
  void aMissingConfigMapKeepsThePodContainerCreatingUntilItExists() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: waiting}
          spec:
            containers:
            - {name: app, image: busybox, volumeMounts: [{name: cfg, mountPath: /cfg}]}
            volumes:
            - {name: cfg, configMap: {name: later}}
            - {name: maybe, secret: {secretName: nowhere, optional: true}}
          """);
      Event e =
          awaitEvent(
              ns,
              "FailedMount",
              "MountVolume.SetUp failed for volume \"cfg\" : configmap \"later\" not found");
      assertThat(e.type()).isEqualTo("Warning");
      assertThat(e.message()).doesNotContain("maybe");
      Pod p =
          h.await(
              ns,
              "waiting",
              "a waiting container",
              x -> x.status() != null && x.status().containerStatus("app") != null);
      ContainerStatus cs = p.status().containerStatus("app");
      assertThat(cs.state().waiting().reason()).isEqualTo("ContainerCreating");
      assertThat(p.status().phase()).isEqualTo("Pending");
      assertThat(node.runtime().containerCount()).isZero();

      create(
          ns,
          """
          metadata: {name: later}
          data: {k: v}
          """,
          ConfigMap.class);
      node.clock().advance(Duration.ofSeconds(5));
      h.await(ns, "waiting", "Running", PodVolumesTest::running);
    }
  }

  @Test
  void tokensComeOnlyFromTokenRequestAndUnsupportedTypesFailTheMount() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: tokens}
          spec:
            containers: [{name: app, image: busybox}]
            volumes:
            - name: kube-api-access
              projected:
                sources:
                - serviceAccountToken: {path: token, expirationSeconds: 3600}
            - {name: data, persistentVolumeClaim: {claimName: claim}}
          """);
      Event e =
          awaitEvent(
              ns,
              "FailedMount",
              "MountVolume.SetUp failed for volume \"kube-api-access\" : failed to fetch token: ");
      assertThat(e.message()).hasSizeGreaterThan(90);
      awaitEvent(
          ns,
          "FailedMount",
          "MountVolume.SetUp failed for volume \"data\" : persistentVolumeClaim volumes are not"
              + " supported by this node agent");
      assertThat(node.runtime().containerCount()).isZero();
    }
  }

  @Test
  void thePodDirectoryIsRemovedWithThePod() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      Pod p =
          h.createPod(
              ns,
              node,
              """
              metadata: {name: gone}
              spec:
                terminationGracePeriodSeconds: 0
                containers: [{name: app, image: busybox, volumeMounts: [{name: e, mountPath: /e}]}]
                volumes: [{name: e, emptyDir: {}}]
              """);
      h.await(ns, "gone", "Running", PodVolumesTest::running);
      Path dir = node.agent().podDir(p.metadata().uid());
      assertThat(dir.resolve("volumes/kubernetes.io~empty-dir/e")).isDirectory();
      assertThat(dir.resolve("resolv.conf")).isRegularFile();
      h.client.resources(Pod.class).inNamespace(ns).delete("gone", null);
      AgentHarness.awaitValue("pod dir removed", () -> Files.exists(dir) ? null : true);
    }
  }

  @Test
  void hostPathTypesAreCheckedAndCreatedAsKubeletDoes(@TempDir Path tmp) throws Exception {
    String ns = h.namespace();
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Path newDir = tmp.resolve("made/dir");
    Path newFile = tmp.resolve("new-file");
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: hp}
          spec:
            containers:
            - name: app
              image: busybox
              volumeMounts:
              - {name: d, mountPath: /d}
              - {name: f, mountPath: /f}
              - {name: plain, mountPath: /p, readOnly: true}
            volumes:
            - {name: d, hostPath: {path: "%s", type: DirectoryOrCreate}}
            - {name: f, hostPath: {path: "%s", type: FileOrCreate}}
            - {name: plain, hostPath: {path: "%s"}}
          """
              .formatted(newDir, newFile, file));
      h.await(ns, "hp", "Running", PodVolumesTest::running);
      assertThat(newDir).isDirectory();
      assertThat(perms(newDir)).isEqualTo("rwxr-xr-x");
      assertThat(newFile).isRegularFile();
      assertThat(perms(newFile)).isEqualTo("rw-r--r--");
      ContainerConfig cc = node.runtime().containerConfig(ns, "hp", "app").orElseThrow();
      assertThat(cc.mounts())
          .extracting(m -> m.containerPath() + "=" + m.hostPath() + ":" + m.readonly())
          .containsExactly(
              "/d=" + newDir + ":false", "/f=" + newFile + ":false", "/p=" + file + ":true");

      h.createPod(
          ns,
          node,
          """
          metadata: {name: wrong}
          spec:
            containers:
            - {name: app, image: busybox, volumeMounts: [{name: d, mountPath: /d}]}
            volumes:
            - {name: d, hostPath: {path: "%s", type: Directory}}
            - {name: s, hostPath: {path: "%s", type: Socket}}
          """
              .formatted(file, file));
      awaitEvent(
          ns,
          "FailedMount",
          "MountVolume.SetUp failed for volume \"d\" : hostPath type check failed: "
              + file
              + " is not a directory");
      awaitEvent(
          ns, "FailedMount", "hostPath type check failed: " + file + " is not a socket file");
      assertThat(node.runtime().containerConfig(ns, "wrong", "app")).isEmpty();

      Path vol = Files.createDirectories(tmp.resolve("vol"));
      Files.createSymbolicLink(vol.resolve("out"), tmp);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: escape}
          spec:
            containers:
            - {name: app, image: busybox, volumeMounts: [{name: v, mountPath: /v, subPath: out}]}
            volumes:
            - {name: v, hostPath: {path: "%s"}}
          """
              .formatted(vol));
      Pod p =
          h.await(
              ns,
              "escape",
              "CreateContainerConfigError",
              x ->
                  x.status() != null
                      && x.status().containerStatus("app") != null
                      && x.status().containerStatus("app").state().waiting() != null
                      && "CreateContainerConfigError"
                          .equals(x.status().containerStatus("app").state().waiting().reason()));
      assertThat(p.status().containerStatus("app").state().waiting().message())
          .startsWith(
              "failed to prepare subPath for volumeMount \"v\" of container \"app\": subpath \"")
          .contains("not within volume path");
    }
  }
}
