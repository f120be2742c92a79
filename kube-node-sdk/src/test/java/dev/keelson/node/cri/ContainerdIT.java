package dev.keelson.node.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.Clock;
import dev.keelson.node.NodeAgent;
import dev.keelson.node.NodeAgentConfig;
import dev.keelson.node.cri.testing.BusyboxImage;
import dev.keelson.node.cri.testing.Containerd;
import dev.keelson.node.spi.ContainerRuntimes;
import dev.keelson.node.spi.ExecRequest;
import dev.keelson.node.spi.ExecResult;
import dev.keelson.node.spi.RuntimeContext;
import dev.keelson.testkit.Eventually;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node agent on the {@code cri} runtime against a real containerd (its own config, socket, CNI
 * bridge network and busybox images, started by {@link Containerd}) and an in-process API server:
 * pods run with real containers and bridge IPs, logs, probes, exec, image pull policies, and
 * deletion leaves nothing in containerd.
 */
class ContainerdIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "cri";

  private static Containerd containerd;
  private static ApiServer server;
  private static KubeClient client;
  private static CriRuntime runtime;
  private static NodeAgent agent;

  private final List<String> created = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Containerd.unavailabilityReason().isEmpty(),
        () -> "no real containerd here: " + Containerd.unavailabilityReason().orElse(""));
    containerd = Containerd.start();
    server =
        ApiServer.start(
            ApiServerConfig.loopback(0)
                .withoutListener()
                .withoutAdmissionPlugins("ServiceAccount"));
    client = server.inProcessClient();
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + NS + "}", Namespace.class));
    runtime =
        (CriRuntime)
            ContainerRuntimes.load(
                "cri", new RuntimeContext("cri-node", Clock.system(), containerd.endpoint()));
    agent =
        NodeAgent.start(
            client,
            NodeAgentConfig.builder("cri-node")
                .runtime(runtime)
                .podLogsDirectory(containerd.podLogsDirectory().toString())
                .podResyncInterval(Duration.ofSeconds(2))
                .build());
  }

  @AfterAll
  static void stop() {
    if (agent != null) {
      agent.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (containerd != null) {
      containerd.close();
    }
  }

  @AfterEach
  void deletePods() throws InterruptedException {
    for (String name : created) {
      try {
        pods().delete(name, null);
      } catch (NotFoundException e) {
        // gone
      }
    }
    for (String name : created) {
      Eventually.await("pod " + name + " deleted", WAIT, () -> find(name) == null);
    }
  }

  private static Resources<Pod> pods() {
    return client.resources(Pod.class).inNamespace(NS);
  }

  private static Pod find(String name) {
    try {
      return pods().get(name);
    } catch (NotFoundException e) {
      return null;
    }
  }

  private Pod create(String yaml) {
    Pod p = KubeJson.decodeYaml(yaml, Pod.class);
    p = p.withMetadata(p.metadata().withNamespace(NS));
    p = p.withSpec(p.spec().withNodeName("cri-node"));
    created.add(p.metadata().name());
    return pods().create(p);
  }

  private static Pod await(String name, String what, Predicate<Pod> condition)
      throws InterruptedException {
    AtomicReference<Pod> last = new AtomicReference<>();
    try {
      Eventually.await(
          what,
          WAIT,
          () -> {
            Pod p = find(name);
            last.set(p);
            return p != null && p.status() != null && condition.test(p);
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; last status: "
              + (last.get() == null ? "none" : KubeJson.encodeToString(last.get().status())),
          e);
    }
    return last.get();
  }

  private static boolean running(Pod p) {
    return "Running".equals(p.status().phase())
        && !p.status().containerStatuses().isEmpty()
        && p.status().containerStatuses().stream()
            .allMatch(s -> s.state() != null && s.state().running() != null);
  }

  private static String criId(ContainerStatus s) {
    assertThat(s.containerID()).startsWith("containerd://");
    return s.containerID().substring("containerd://".length());
  }

  @Test
  void podWithAnInitContainerAndTwoContainersRunsOnRealContainersWithABridgeIp() throws Exception {
    create(
        """
        metadata: {name: web}
        spec:
          terminationGracePeriodSeconds: 1
          initContainers:
          - name: init
            image: keelson.test/busybox:1
            command: [sh, -c, "echo init done"]
          containers:
          - name: one
            image: keelson.test/busybox:1
            command: [sh, -c, "echo hello from one; exec sleep 3600"]
          - name: two
            image: keelson.test/busybox:1
            command: [httpd, -f, -p, "8080", -h, /www]
        """);
    Pod p = await("web", "pod web Running", ContainerdIT::running);

    assertThat(p.status().initContainerStatuses()).hasSize(1);
    var init = p.status().initContainerStatuses().get(0);
    assertThat(init.state().terminated().exitCode()).isZero();
    assertThat(init.state().terminated().reason()).isEqualTo("Completed");
    assertThat(p.status().containerStatuses())
        .extracting(ContainerStatus::name)
        .containsExactlyInAnyOrder("one", "two");
    List<String> inContainerd = containerd.containers();
    for (ContainerStatus s : p.status().containerStatuses()) {
      assertThat(criId(s)).matches("[0-9a-f]{64}");
      assertThat(inContainerd).contains(criId(s));
      assertThat(s.ready()).isTrue();
      assertThat(s.imageID()).startsWith("sha256:");
    }
    String prefix = containerd.subnet().substring(0, containerd.subnet().lastIndexOf('.') + 1);
    assertThat(p.status().podIP()).startsWith(prefix);
    assertThat(p.status().podIPs()).isNotEmpty();
    assertThat(p.status().conditions())
        .anyMatch(c -> c.type().equals("Ready") && c.status().equals("True"));
  }

  @Test
  void logsReturnWhatTheContainerPrinted() throws Exception {
    create(
        """
        metadata: {name: talker}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: talk
            image: keelson.test/busybox:1
            command: [sh, -c, "echo line one; echo line two >&2; echo -n partial; echo ' end'; exec sleep 3600"]
        """);
    Pod p = await("talker", "pod talker Running", ContainerdIT::running);
    String id = criId(p.status().containerStatuses().get(0));
    AtomicReference<List<String>> logs = new AtomicReference<>();
    Eventually.await(
        "three log lines",
        WAIT,
        () -> {
          logs.set(runtime.containerLogs(id, -1));
          return logs.get().size() >= 3;
        });
    assertThat(logs.get()).containsExactlyInAnyOrder("line one", "line two", "partial end");
    assertThat(runtime.containerLogs(id, 1)).hasSize(1);
  }

  @Test
  void execSyncRunsInTheContainerAndExecAnswersTheStreamingUrl() throws Exception {
    create(
        """
        metadata: {name: shell}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: sh
            image: keelson.test/busybox:1
            command: [sleep, "3600"]
        """);
    Pod p = await("shell", "pod shell Running", ContainerdIT::running);
    String id = criId(p.status().containerStatuses().get(0));

    ExecResult r =
        runtime.execSync(
            id, List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));
    assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("out\n");
    assertThat(new String(r.stderr(), StandardCharsets.UTF_8)).isEqualTo("err\n");
    assertThat(r.exitCode()).isEqualTo(3);

    URI url = runtime.exec(id, new ExecRequest(List.of("sh"), false, true, true, true));
    assertThat(url.getScheme()).isEqualTo("http");
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    assertThat(url.getPath()).startsWith("/exec/");
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() throws Exception {
    create(
        """
        metadata: {name: sick}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: app
            image: keelson.test/busybox:1
            command: [sleep, "3600"]
            livenessProbe:
              exec: {command: [cat, /tmp/healthy]}
              periodSeconds: 1
              failureThreshold: 1
        """);
    Pod first = await("sick", "pod sick Running", ContainerdIT::running);
    String firstId = criId(first.status().containerStatuses().get(0));

    Pod restarted =
        await(
            "sick",
            "container app restarted by its liveness probe",
            p ->
                !p.status().containerStatuses().isEmpty()
                    && p.status().containerStatuses().get(0).restartCount() >= 1
                    && p.status().containerStatuses().get(0).lastState() != null
                    && p.status().containerStatuses().get(0).lastState().terminated() != null);
    ContainerStatus s = restarted.status().containerStatuses().get(0);
    assertThat(s.lastState().terminated().containerID()).isEqualTo("containerd://" + firstId);
    // SIGTERM (143), or SIGKILL (137) when the grace period ran out first
    assertThat(s.lastState().terminated().exitCode()).isIn(137, 143);
    assertThat(s.lastState().terminated().reason()).isEqualTo("Error");
  }

  @Test
  void imagePullPoliciesUseLocalImagesAndFailLikeKubeletWithoutARegistry() throws Exception {
    create(
        """
        metadata: {name: pulls}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: always
            image: keelson.test/busybox:1
            imagePullPolicy: Always
            command: [sleep, "3600"]
          - name: never
            image: keelson.test/missing:1
            imagePullPolicy: Never
          - name: local
            image: keelson.test/busybox:1
            imagePullPolicy: IfNotPresent
            command: [sleep, "3600"]
        """);
    Pod p =
        await(
            "pulls",
            "the three containers' states",
            x ->
                x.status().containerStatuses().size() == 3
                    && x.status().containerStatuses().stream()
                        .filter(s -> s.name().equals("local"))
                        .allMatch(s -> s.state().running() != null)
                    && x.status().containerStatuses().stream()
                        .filter(s -> !s.name().equals("local"))
                        .allMatch(s -> s.state().waiting() != null));
    for (ContainerStatus s : p.status().containerStatuses()) {
      switch (s.name()) {
        case "always" -> {
          // ErrImagePull after the failed pull; ImagePullBackOff if a retry came first.
          if (s.state().waiting().reason().equals("ImagePullBackOff")) {
            assertThat(s.state().waiting().message())
                .isEqualTo("Back-off pulling image \"keelson.test/busybox:1\"");
          } else {
            assertThat(s.state().waiting().reason()).isEqualTo("ErrImagePull");
            assertThat(s.state().waiting().message())
                .startsWith("Failed to pull image \"keelson.test/busybox:1\": ");
          }
        }
        case "never" -> {
          assertThat(s.state().waiting().reason()).isEqualTo("ErrImageNeverPull");
          assertThat(s.state().waiting().message())
              .isEqualTo(
                  "Container image \"keelson.test/missing:1\" is not present with pull policy of"
                      + " Never");
        }
        default -> assertThat(s.imageID()).startsWith("sha256:");
      }
    }
    assertThat(runtime.imageStatus(BusyboxImage.BUSYBOX)).isPresent();
    assertThat(runtime.imageStatus("keelson.test/missing:1")).isEmpty();
  }

  @Test
  void deletingThePodStopsAndRemovesEverythingInContainerd() throws Exception {
    create(
        """
        metadata: {name: doomed}
        spec:
          terminationGracePeriodSeconds: 2
          initContainers:
          - name: init
            image: keelson.test/busybox:1
            command: ["true"]
          containers:
          - name: a
            image: keelson.test/busybox:1
            command: [sleep, "3600"]
          - name: b
            image: keelson.test/busybox:1
            command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 1; done"]
        """);
    await("doomed", "pod doomed Running", ContainerdIT::running);
    assertThat(containerd.containers()).hasSizeGreaterThanOrEqualTo(4); // sandbox, init, a, b
    assertThat(containerd.tasks()).hasSizeGreaterThanOrEqualTo(3);

    pods().delete("doomed", null);
    Eventually.await("pod doomed gone from the API", WAIT, () -> find("doomed") == null);
    Eventually.await(
        "no containers or tasks left in containerd",
        WAIT,
        () -> {
          try {
            return containerd.containers().isEmpty() && containerd.tasks().isEmpty();
          } catch (Exception e) {
            return false;
          }
        });
    assertThat(runtime.listPodSandboxes()).isEmpty();
    assertThat(runtime.listContainers(null)).isEmpty();
    assertThat(containerd.podLogsDirectory()).isEmptyDirectory();
  }
}
