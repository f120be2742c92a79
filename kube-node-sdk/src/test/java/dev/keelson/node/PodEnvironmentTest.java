package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Secret;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.json.KubeJson;
import dev.keelson.client.ListOptions;
import dev.keelson.node.AgentHarness.SimNode;
import dev.keelson.node.spi.ContainerConfig;
import dev.keelson.node.spi.DnsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's environment and a pod's DNS as the agent hands them to the runtime: every env
 * source, {@code $(VAR)} expansion, service links, the CreateContainerConfigError of missing
 * sources, and resolv.conf per dnsPolicy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodEnvironmentTest {
  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private Map<String, String> env(SimNode node, String ns, String pod) {
    return AgentHarness.awaitValue(
        "container of " + pod,
        () ->
            node.runtime().containerConfig(ns, pod, "app").map(ContainerConfig::env).orElse(null));
  }

  @Test
  void everyEnvSourceIsResolvedAndExpandedAsKubeletDoes() {
    String ns = h.namespace();
    h.client
        .resources(ConfigMap.class)
        .inNamespace(ns)
        .create(
            KubeJson.decodeYaml(
                """
                metadata: {name: env-config}
                data: {NAME_FROM_CM: world, 1BAD: x, good.key: y, SHARED: from-cm}
                """,
                ConfigMap.class));
    h.client
        .resources(Secret.class)
        .inNamespace(ns)
        .create(
            KubeJson.decodeYaml(
                """
                metadata: {name: env-secret}
                data: {password: czNjcjN0}
                stringData: {token: abc}
                """,
                Secret.class));
    Service svc =
        h.client
            .resources(Service.class)
            .inNamespace(ns)
            .create(
                KubeJson.decodeYaml(
                    """
                    metadata: {name: my-svc}
                    spec:
                      selector: {app: x}
                      ports: [{name: http, port: 80, targetPort: 8080}, {name: dns, port: 53, protocol: UDP}]
                    """,
                    Service.class));
    String ip = svc.spec().clusterIP();
    assertThat(ip).isNotEmpty();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: envs, labels: {tier: web}, annotations: {owner: team-a}}
          spec:
            serviceAccountName: runner
            containers:
            - name: app
              image: busybox
              command: ["/bin/echo", "$(GREETING)"]
              args: ["$(MISSING)", "$$(GREETING)"]
              resources: {requests: {cpu: 250m, memory: 32Mi}, limits: {memory: 64Mi}}
              envFrom:
              - configMapRef: {name: env-config}
              - {prefix: S_, secretRef: {name: env-secret}}
              - configMapRef: {name: absent, optional: true}
              env:
              - {name: SHARED, value: from-env}
              - {name: GREETING, value: "hello $(NAME_FROM_CM)"}
              - {name: ESCAPED, value: "$$(GREETING) and $(UNDEFINED) and $"}
              - {name: SVC, value: "$(MY_SVC_SERVICE_HOST):$(MY_SVC_SERVICE_PORT)"}
              - {name: EMPTY, value: ""}
              - name: FROM_KEY
                valueFrom: {configMapKeyRef: {name: env-config, key: NAME_FROM_CM}}
              - name: OPT
                valueFrom: {configMapKeyRef: {name: env-config, key: nope, optional: true}}
              - name: OPT_SECRET
                valueFrom: {secretKeyRef: {name: gone, key: k, optional: true}}
              - {name: PASS, valueFrom: {secretKeyRef: {name: env-secret, key: password}}}
              - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
              - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
              - {name: POD_UID, valueFrom: {fieldRef: {fieldPath: metadata.uid}}}
              - {name: TIER, valueFrom: {fieldRef: {fieldPath: "metadata.labels['tier']"}}}
              - {name: OWNER, valueFrom: {fieldRef: {fieldPath: "metadata.annotations['owner']"}}}
              - {name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
              - {name: SA, valueFrom: {fieldRef: {fieldPath: spec.serviceAccountName}}}
              - {name: POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
              - {name: POD_IPS, valueFrom: {fieldRef: {fieldPath: status.podIPs}}}
              - {name: HOST_IP, valueFrom: {fieldRef: {fieldPath: status.hostIP}}}
              - {name: HOST_IPS, valueFrom: {fieldRef: {fieldPath: status.hostIPs}}}
              - {name: CPU_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.cpu}}}
              - name: CPU_REQ_M
                valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
              - name: MEM_LIMIT_MI
                valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
              - {name: MEM_REQ, valueFrom: {resourceFieldRef: {resource: requests.memory}}}
          """);
      Pod running = h.await(ns, "envs", "Running", p -> "Running".equals(p.status().phase()));
      Map<String, String> env = env(node, ns, "envs");
      assertThat(env)
          .containsEntry("NAME_FROM_CM", "world")
          .containsEntry("good.key", "y")
          .doesNotContainKey("1BAD")
          .containsEntry("S_password", "s3cr3t")
          .containsEntry("S_token", "abc")
          .containsEntry("SHARED", "from-env")
          .containsEntry("GREETING", "hello world")
          .containsEntry("ESCAPED", "$(GREETING) and $(UNDEFINED) and $")
          .containsEntry("SVC", ip + ":80")
          .containsEntry("EMPTY", "")
          .containsEntry("FROM_KEY", "world")
          .doesNotContainKey("OPT")
          .doesNotContainKey("OPT_SECRET")
          .containsEntry("PASS", "s3cr3t")
          .containsEntry("POD_NAME", "envs")
          .containsEntry("POD_NAMESPACE", ns)
          .containsEntry("POD_UID", running.metadata().uid())
          .containsEntry("TIER", "web")
          .containsEntry("OWNER", "team-a")
          .containsEntry("NODE", node.name())
          .containsEntry("SA", "runner")
          .containsEntry("POD_IP", running.status().podIP())
          .containsEntry("POD_IPS", running.status().podIP())
          .containsEntry("HOST_IP", "10.0.0.1")
          .containsEntry("HOST_IPS", "10.0.0.1")
          .containsEntry("CPU_LIMIT", "4")
          .containsEntry("CPU_REQ_M", "250")
          .containsEntry("MEM_LIMIT_MI", "64")
          .containsEntry("MEM_REQ", String.valueOf(32L << 20))
          .containsEntry("MY_SVC_SERVICE_HOST", ip)
          .containsEntry("MY_SVC_SERVICE_PORT", "80")
          .containsEntry("MY_SVC_SERVICE_PORT_HTTP", "80")
          .containsEntry("MY_SVC_SERVICE_PORT_DNS", "53")
          .containsEntry("MY_SVC_PORT", "tcp://" + ip + ":80")
          .containsEntry("MY_SVC_PORT_80_TCP", "tcp://" + ip + ":80")
          .containsEntry("MY_SVC_PORT_80_TCP_PROTO", "tcp")
          .containsEntry("MY_SVC_PORT_80_TCP_PORT", "80")
          .containsEntry("MY_SVC_PORT_80_TCP_ADDR", ip)
          .containsEntry("MY_SVC_PORT_53_UDP", "udp://" + ip + ":53");
      ContainerConfig cc = node.runtime().containerConfig(ns, "envs", "app").orElseThrow();
      assertThat(cc.command()).containsExactly("/bin/echo", "hello world");
      assertThat(cc.args()).containsExactly("$(MISSING)", "$(GREETING)");
      Event e =
          AgentHarness.awaitValue(
              "InvalidEnvironmentVariableNames event",
              () ->
                  h
                      .client
                      .resources(Event.class)
                      .inNamespace(ns)
                      .list(ListOptions.none())
                      .items()
                      .stream()
                      .filter(x -> "InvalidEnvironmentVariableNames".equals(x.reason()))
                      .findFirst()
                      .orElse(null));
      assertThat(e.message())
          .isEqualTo(
              "Keys [1BAD] from the EnvFrom configMap "
                  + ns
                  + "/env-config were skipped since they are considered invalid environment"
                  + " variable names.");

      h.createPod(
          ns,
          node,
          """
          metadata: {name: nolinks}
          spec:
            enableServiceLinks: false
            containers: [{name: app, image: busybox}]
          """);
      assertThat(env(node, ns, "nolinks")).doesNotContainKey("MY_SVC_SERVICE_HOST");
    }
  }

  @Test
  void missingEnvSourcesAreCreateContainerConfigErrorsUntilTheyExist() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: nokey}
          spec:
            containers:
            - name: app
              image: busybox
              env:
              - {name: X, valueFrom: {configMapKeyRef: {name: cm, key: x}}}
          """);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: nosecret}
          spec:
            containers:
            - name: app
              image: busybox
              envFrom: [{secretRef: {name: s}}]
          """);
      ContainerStatus cs = waiting(ns, "nokey");
      assertThat(cs.state().waiting().message()).isEqualTo("configmap \"cm\" not found");
      cs = waiting(ns, "nosecret");
      assertThat(cs.state().waiting().message()).isEqualTo("secret \"s\" not found");

      h.client
          .resources(ConfigMap.class)
          .inNamespace(ns)
          .create(KubeJson.decodeYaml("metadata: {name: cm}\ndata: {y: '1'}", ConfigMap.class));
      node.clock().advance(Duration.ofSeconds(10));
      Pod p =
          h.await(
              ns,
              "nokey",
              "the missing key reported",
              x ->
                  x.status().containerStatus("app").state().waiting() != null
                      && x.status()
                          .containerStatus("app")
                          .state()
                          .waiting()
                          .message()
                          .startsWith("couldn't find"));
      assertThat(p.status().containerStatus("app").state().waiting().message())
          .isEqualTo("couldn't find key x in ConfigMap " + ns + "/cm");

      h.client
          .resources(ConfigMap.class)
          .inNamespace(ns)
          .update(
              h.client
                  .resources(ConfigMap.class)
                  .inNamespace(ns)
                  .get("cm")
                  .withData(Map.of("x", "found")));
      node.clock().advance(Duration.ofSeconds(10));
      h.await(ns, "nokey", "Running", x -> "Running".equals(x.status().phase()));
      assertThat(env(node, ns, "nokey")).containsEntry("X", "found");
    }
  }

  private ContainerStatus waiting(String ns, String pod) {
    Pod p =
        h.await(
            ns,
            pod,
            "CreateContainerConfigError",
            x ->
                x.status() != null
                    && x.status().containerStatus("app") != null
                    && x.status().containerStatus("app").state().waiting() != null
                    && "CreateContainerConfigError"
                        .equals(x.status().containerStatus("app").state().waiting().reason()));
    return p.status().containerStatus("app");
  }

  @Test
  void resolvConfFollowsTheDnsPolicyAndIsWrittenInThePodDir(@TempDir Path tmp) throws Exception {
    Path hostConf =
        Files.writeString(
            tmp.resolve("resolv.conf"),
            "# host\nnameserver 192.168.1.1\nsearch corp.example lab.example\noptions edns0\n");
    String ns = h.namespace();
    try (SimNode node =
        h.node(
            b ->
                b.clusterDns("10.96.0.10")
                    .clusterDomain("cluster.local")
                    .hostResolvConf(hostConf))) {
      Pod cf =
          h.createPod(
              ns, node, "metadata: {name: cf}\nspec: {containers: [{name: app, image: busybox}]}");
      h.createPod(
          ns,
          node,
          """
          metadata: {name: hostnet}
          spec: {hostNetwork: true, containers: [{name: app, image: busybox}]}
          """);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: withhostnet}
          spec:
            hostNetwork: true
            dnsPolicy: ClusterFirstWithHostNet
            containers: [{name: app, image: busybox}]
          """);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: none}
          spec:
            dnsPolicy: None
            dnsConfig:
              nameservers: [1.1.1.1]
              searches: [a.example]
              options: [{name: ndots, value: "2"}, {name: edns0}]
            containers: [{name: app, image: busybox}]
          """);
      h.createPod(
          ns,
          node,
          """
          metadata: {name: merged}
          spec:
            dnsConfig:
              nameservers: [10.96.0.10, 8.8.8.8]
              searches: [svc.cluster.local, extra.example]
              options: [{name: ndots, value: "1"}, {name: timeout, value: "2"}]
            containers: [{name: app, image: busybox}]
          """);
      assertThat(sandboxDns(node, ns, "cf"))
          .isEqualTo(
              new DnsConfig(
                  List.of("10.96.0.10"),
                  List.of(
                      ns + ".svc.cluster.local",
                      "svc.cluster.local",
                      "cluster.local",
                      "corp.example",
                      "lab.example"),
                  List.of("ndots:5")));
      h.await(ns, "cf", "Running", x -> "Running".equals(x.status().phase()));
      assertThat(Files.readString(node.agent().podDir(cf.metadata().uid()).resolve("resolv.conf")))
          .isEqualTo(
              "search "
                  + ns
                  + ".svc.cluster.local svc.cluster.local cluster.local corp.example lab.example\n"
                  + "nameserver 10.96.0.10\n"
                  + "options ndots:5\n");
      assertThat(sandboxDns(node, ns, "hostnet"))
          .isEqualTo(
              new DnsConfig(
                  List.of("192.168.1.1"),
                  List.of("corp.example", "lab.example"),
                  List.of("edns0")));
      assertThat(sandboxDns(node, ns, "withhostnet").servers()).containsExactly("10.96.0.10");
      assertThat(sandboxDns(node, ns, "none"))
          .isEqualTo(
              new DnsConfig(List.of("1.1.1.1"), List.of("a.example"), List.of("ndots:2", "edns0")));
      DnsConfig merged = sandboxDns(node, ns, "merged");
      assertThat(merged.servers()).containsExactly("10.96.0.10", "8.8.8.8");
      assertThat(merged.searches())
          .containsExactly(
              ns + ".svc.cluster.local",
              "svc.cluster.local",
              "cluster.local",
              "corp.example",
              "lab.example",
              "extra.example");
      assertThat(merged.options()).containsExactly("ndots:1", "timeout:2");
    }
  }

  private static DnsConfig sandboxDns(SimNode node, String ns, String pod) {
    return AgentHarness.awaitValue(
        "sandbox of " + pod,
        () -> node.runtime().sandboxConfig(ns, pod).map(c -> c.dnsConfig()).orElse(null));
  }
}
