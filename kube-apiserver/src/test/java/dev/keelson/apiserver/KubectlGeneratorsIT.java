package dev.keelson.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's generator commands ({@code kubectl create <kind>}, {@code run}, {@code expose}) send
 * protobuf bodies; the server decodes them and stores what kubectl meant. The RBAC, networking,
 * policy, scheduling and quota kinds are built in: kubectl also gets their server-side table
 * columns, describes them and explains their fields from the OpenAPI v3 document.
 */
class KubectlGeneratorsIT {
  @TempDir Path dir;
  private ApiServer server;
  private Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    server = ApiServer.start(ApiServerConfig.loopback(0).withoutAdmissionPlugins("ServiceAccount"));
    kubectl = Kubectl.forServer(server, dir);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private JsonNode get(String... what) throws Exception {
    String[] args = new String[what.length + 3];
    args[0] = "get";
    System.arraycopy(what, 0, args, 1, what.length);
    args[what.length + 1] = "-o";
    args[what.length + 2] = "json";
    return KubeJson.parse(kubectl.ok(args).getBytes(StandardCharsets.UTF_8));
  }

  /** The lines of {@code kubectl get ...} (the table kubectl prints from the server's Table). */
  private List<String> table(String... what) throws Exception {
    String[] args = new String[what.length + 1];
    args[0] = "get";
    System.arraycopy(what, 0, args, 1, what.length);
    return List.of(kubectl.ok(args).split("\n"));
  }

  /** The column titles of a table's header line. */
  private static List<String> header(List<String> lines) {
    return List.of(lines.get(0).trim().split("\s{2,}"));
  }

  /** The cells of a table line (columns are separated by at least two spaces). */
  private static List<String> row(List<String> lines, int i) {
    return List.of(lines.get(i).trim().split("\s{2,}"));
  }

  /** Creates the object of a JSON manifest ({@code kubectl create -f -}); asserts it succeeded. */
  private void apply(String json) throws Exception {
    Kubectl.Result r = kubectl.runWithInput(json, "create", "-f", "-");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  /** Runs a generator command; asserts it succeeded without warnings. */
  private String create(String... args) throws Exception {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exit()).as("kubectl %s: %s", List.of(args), r.err()).isZero();
    assertThat(r.err()).as("stderr of kubectl %s", List.of(args)).isEmpty();
    return r.out();
  }

  @Test
  void configMapFromLiterals() throws Exception {
    assertThat(create("create", "configmap", "settings", "--from-literal=color=blue"))
        .contains("configmap/settings created");
    JsonNode cm = get("configmap", "settings");
    assertThat(cm.at("/data/color").asText()).isEqualTo("blue");
    assertThat(cm.at("/metadata/uid").asText()).isNotEmpty();
  }

  @Test
  void kubectlSendsProtobufAndAcceptsTheJsonAnswer() throws Exception {
    Kubectl.Result r = kubectl.run("create", "configmap", "traced", "--from-literal=a=b", "-v=8");
    assertThat(r.exit()).as(r.err()).isZero();
    // kubectl v1.32 asks for protobuf or JSON, sends protobuf, and takes the JSON answer
    assertThat(r.err())
        .contains("Accept: application/vnd.kubernetes.protobuf,application/json")
        .contains("Content-Type: application/vnd.kubernetes.protobuf")
        .contains("Response Status: 201 Created")
        .contains("Content-Type: application/json");
    assertThat(r.out()).contains("configmap/traced created");
    assertThat(get("configmap", "traced").at("/data/a").asText()).isEqualTo("b");
  }

  @Test
  void secretGeneric() throws Exception {
    create("create", "secret", "generic", "creds", "--from-literal=password=s3cr3t");
    create(
        "create",
        "secret",
        "docker-registry",
        "pull",
        "--docker-server=registry.example.com",
        "--docker-username=u",
        "--docker-password=p");
    assertThat(get("secret", "pull").at("/type").asText())
        .isEqualTo("kubernetes.io/dockerconfigjson");
    JsonNode s = get("secret", "creds");
    assertThat(s.at("/type").asText()).isEqualTo("Opaque");
    assertThat(s.at("/data/password").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("s3cr3t".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deploymentServiceAndExpose() throws Exception {
    create("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "--port=80");
    JsonNode d = get("deployment", "web");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(d.at("/spec/selector/matchLabels/app").asText()).isEqualTo("web");
    assertThat(d.at("/spec/template/metadata/labels/app").asText()).isEqualTo("web");
    JsonNode c = d.at("/spec/template/spec/containers/0");
    assertThat(c.at("/image").asText()).isEqualTo("nginx:1.27");
    assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(80);
    assertThat(d.at("/metadata/creationTimestamp").asText()).isNotEmpty();

    create("create", "service", "clusterip", "web-svc", "--tcp=80:8080");
    JsonNode svc = get("service", "web-svc");
    assertThat(svc.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(80);
    assertThat(svc.at("/spec/ports/0/targetPort").isInt()).isTrue();
    assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
    assertThat(svc.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");

    create("expose", "deployment", "web", "--port=8080", "--target-port=80", "--name=web-exposed");
    JsonNode exposed = get("service", "web-exposed");
    assertThat(exposed.at("/spec/selector/app").asText()).isEqualTo("web");
    assertThat(exposed.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(exposed.at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
  }

  @Test
  void runAPod() throws Exception {
    create(
        "run",
        "pod1",
        "--image=busybox:1.36",
        "--labels=app=pod1",
        "--port=80",
        "--",
        "sleep",
        "3600");
    JsonNode pod = get("pod", "pod1");
    assertThat(pod.at("/metadata/labels/app").asText()).isEqualTo("pod1");
    JsonNode c = pod.at("/spec/containers/0");
    assertThat(c.at("/name").asText()).isEqualTo("pod1");
    assertThat(c.at("/image").asText()).isEqualTo("busybox:1.36");
    assertThat(c.at("/args").toString()).isEqualTo("[\"sleep\",\"3600\"]");
    assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(80);
    assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Always");
  }

  @Test
  void jobAndCronJob() throws Exception {
    create("create", "job", "once", "--image=busybox:1.36", "--", "echo", "hi");
    JsonNode job = get("job", "once");
    JsonNode c = job.at("/spec/template/spec/containers/0");
    assertThat(c.at("/command").toString()).isEqualTo("[\"echo\",\"hi\"]");
    assertThat(job.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");

    create(
        "create",
        "cronjob",
        "nightly",
        "--image=busybox:1.36",
        "--schedule=0 3 * * *",
        "--",
        "date");
    JsonNode cj = get("cronjob", "nightly");
    assertThat(cj.at("/spec/schedule").asText()).isEqualTo("0 3 * * *");
    assertThat(cj.at("/spec/jobTemplate/spec/template/spec/containers/0/command/0").asText())
        .isEqualTo("date");
    assertThat(cj.at("/spec/jobTemplate/spec/template/spec/restartPolicy").asText())
        .isEqualTo("OnFailure");
  }

  @Test
  void namespaceAndServiceAccount() throws Exception {
    create("create", "namespace", "team-a");
    assertThat(get("namespace", "team-a").at("/metadata/name").asText()).isEqualTo("team-a");
    create("create", "serviceaccount", "robot", "-n", "team-a");
    assertThat(get("serviceaccount", "robot", "-n", "team-a").at("/metadata/namespace").asText())
        .isEqualTo("team-a");
  }

  @Test
  void rbac() throws Exception {
    create("create", "role", "reader", "--verb=get,list", "--resource=pods");
    JsonNode role = get("role", "reader");
    assertThat(role.at("/rules/0/verbs").toString()).isEqualTo("[\"get\",\"list\"]");
    assertThat(role.at("/rules/0/resources/0").asText()).isEqualTo("pods");
    assertThat(role.at("/rules/0/apiGroups/0").asText()).isEmpty();

    create(
        "create",
        "rolebinding",
        "reader-binding",
        "--role=reader",
        "--serviceaccount=default:robot");
    JsonNode rb = get("rolebinding", "reader-binding");
    assertThat(rb.at("/roleRef/kind").asText()).isEqualTo("Role");
    assertThat(rb.at("/roleRef/name").asText()).isEqualTo("reader");
    assertThat(rb.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(rb.at("/subjects/0/namespace").asText()).isEqualTo("default");

    create("create", "clusterrole", "node-reader", "--verb=get", "--resource=nodes");
    assertThat(get("clusterrole", "node-reader").at("/rules/0/resources/0").asText())
        .isEqualTo("nodes");

    create(
        "create", "clusterrolebinding", "alice-nodes", "--clusterrole=node-reader", "--user=alice");
    JsonNode crb = get("clusterrolebinding", "alice-nodes");
    assertThat(crb.at("/subjects/0/kind").asText()).isEqualTo("User");
    assertThat(crb.at("/subjects/0/name").asText()).isEqualTo("alice");
    assertThat(crb.at("/subjects/0/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");

    assertThat(header(table("role", "reader"))).containsExactly("NAME", "CREATED AT");
    List<String> rbs = table("rolebinding", "reader-binding", "-o", "wide");
    assertThat(header(rbs))
        .containsExactly("NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS");
    assertThat(rbs.get(1)).contains("Role/reader").contains("default/robot");
    assertThat(header(table("clusterrolebinding", "alice-nodes")))
        .containsExactly("NAME", "ROLE", "AGE");
    assertThat(kubectl.ok("describe", "rolebinding", "reader-binding"))
        .containsPattern("Kind:\\s+Role")
        .containsPattern("Name:\\s+reader")
        .containsPattern("ServiceAccount\\s+robot\\s+default");
    assertThat(kubectl.ok("describe", "clusterrole", "node-reader"))
        .contains("nodes")
        .contains("[get]");

    Kubectl.Result changed =
        kubectl.run(
            "patch",
            "rolebinding",
            "reader-binding",
            "--type=merge",
            "-p",
            "{\"roleRef\":{\"name\":\"writer\"}}");
    assertThat(changed.exit()).isNotZero();
    assertThat(changed.err()).contains("cannot change roleRef");

    Kubectl.Result noVerbs =
        kubectl.runWithInput(
            "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\","
                + "\"metadata\":{\"name\":\"bad\"},\"rules\":[{\"resources\":[\"pods\"],"
                + "\"apiGroups\":[\"\"]}]}",
            "create",
            "-f",
            "-");
    assertThat(noVerbs.exit()).isNotZero();
    assertThat(noVerbs.err())
        .contains("rules[0].verbs: Required value: verbs must contain at least one value");
  }

  @Test
  void explainKnowsTheNewKinds() throws Exception {
    String rules = kubectl.ok("explain", "role.rules");
    assertThat(rules)
        .contains("GROUP:      rbac.authorization.k8s.io")
        .contains("KIND:       Role")
        .contains("FIELD: rules <[]PolicyRule>")
        .contains("verbs\t<[]string>")
        .contains("nonResourceURLs\t<[]string>");
    String ingressRules = kubectl.ok("explain", "ingress.spec.rules");
    assertThat(ingressRules)
        .contains("KIND:       Ingress")
        .contains("FIELD: rules <[]IngressRule>")
        .contains("host\t<string>")
        .contains("http\t<HTTPIngressRuleValue>");
    assertThat(kubectl.ok("explain", "pdb.spec"))
        .contains("minAvailable\t<IntOrString>")
        .contains("selector\t<LabelSelector>");
    assertThat(kubectl.ok("explain", "networkpolicy.spec.ingress.ports"))
        .contains("endPort\t<integer>");
    assertThat(kubectl.ok("explain", "quota.spec")).contains("hard\t<map[string]Quantity>");
    assertThat(kubectl.ok("explain", "limitrange.spec.limits")).contains("default\t");
    assertThat(kubectl.ok("explain", "priorityclass")).contains("preemptionPolicy\t<string>");
  }

  @Test
  void apiResourcesListsTheNewKindsWithTheirShortNames() throws Exception {
    String out = kubectl.ok("api-resources", "--no-headers");
    for (String line :
        List.of(
            "limitranges +limits +v1 +true +LimitRange",
            "resourcequotas +quota +v1 +true +ResourceQuota",
            "ingressclasses +networking.k8s.io/v1 +false +IngressClass",
            "ingresses +ing +networking.k8s.io/v1 +true +Ingress",
            "networkpolicies +netpol +networking.k8s.io/v1 +true +NetworkPolicy",
            "poddisruptionbudgets +pdb +policy/v1 +true +PodDisruptionBudget",
            "clusterrolebindings +rbac.authorization.k8s.io/v1 +false +ClusterRoleBinding",
            "roles +rbac.authorization.k8s.io/v1 +true +Role",
            "priorityclasses +pc +scheduling.k8s.io/v1 +false +PriorityClass")) {
      assertThat(out).as(line).containsPattern("(?m)^" + line + "\\s*$");
    }
  }

  @Test
  void priorityClassQuotaPdbAndIngress() throws Exception {
    create("create", "priorityclass", "high", "--value=1000", "--description=important");
    JsonNode pc = get("priorityclass", "high");
    assertThat(pc.at("/value").asInt()).isEqualTo(1000);
    assertThat(pc.at("/description").asText()).isEqualTo("important");
    assertThat(pc.has("globalDefault")).as("false and omitempty: omitted, as Go does").isFalse();

    create("create", "quota", "q", "--hard=pods=10,cpu=2,memory=1Gi");
    JsonNode q = get("resourcequota", "q");
    assertThat(q.at("/spec/hard/pods").asText()).isEqualTo("10");
    assertThat(q.at("/spec/hard/cpu").asText()).isEqualTo("2");
    assertThat(q.at("/spec/hard/memory").asText()).isEqualTo("1Gi");

    create("create", "poddisruptionbudget", "pdb", "--selector=app=web", "--min-available=1");
    JsonNode pdb = get("poddisruptionbudget", "pdb");
    assertThat(pdb.at("/spec/minAvailable").isInt()).isTrue();
    assertThat(pdb.at("/spec/minAvailable").asInt()).isEqualTo(1);
    assertThat(pdb.at("/spec/selector/matchLabels/app").asText()).isEqualTo("web");

    create("create", "poddisruptionbudget", "pdb2", "--selector=app=web", "--max-unavailable=50%");
    assertThat(get("poddisruptionbudget", "pdb2").at("/spec/maxUnavailable").asText())
        .isEqualTo("50%");

    create("create", "ingress", "web-ing", "--rule=example.com/=web-svc:80");
    JsonNode ing = get("ingress", "web-ing");
    JsonNode rule = ing.at("/spec/rules/0");
    assertThat(rule.at("/host").asText()).isEqualTo("example.com");
    assertThat(rule.at("/http/paths/0/path").asText()).isEqualTo("/");
    assertThat(rule.at("/http/paths/0/pathType").asText()).isEqualTo("Exact");
    assertThat(rule.at("/http/paths/0/backend/service/name").asText()).isEqualTo("web-svc");
    assertThat(rule.at("/http/paths/0/backend/service/port/number").asInt()).isEqualTo(80);

    // defaults, server-side table columns and descriptions
    assertThat(pc.at("/preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    assertThat(pc.at("/metadata/generation").asInt()).isEqualTo(1);
    List<String> pcs = table("priorityclass", "high");
    assertThat(header(pcs))
        .containsExactly("NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY");
    assertThat(row(pcs, 1)).containsSubsequence("high", "1000", "false");
    assertThat(row(pcs, 1).get(4)).isEqualTo("PreemptLowerPriority");

    assertThat(header(table("quota", "q"))).containsExactly("NAME", "REQUEST", "LIMIT", "AGE");
    assertThat(kubectl.ok("describe", "quota", "q")).contains("Name:").contains("Resource");

    assertThat(pdb.at("/status/disruptionsAllowed").asInt()).isZero();
    List<String> pdbs = table("pdb");
    assertThat(header(pdbs))
        .containsExactly("NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE");
    assertThat(row(pdbs, 1)).containsSubsequence("pdb", "1", "N/A", "0");
    assertThat(row(pdbs, 2)).containsSubsequence("pdb2", "N/A", "50%", "0");
    assertThat(kubectl.ok("describe", "pdb", "pdb"))
        .containsPattern("Min available:\\s+1")
        .containsPattern("Selector:\\s+app=web");

    List<String> ings = table("ingress", "web-ing");
    assertThat(header(ings)).containsExactly("NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE");
    assertThat(row(ings, 1)).containsSubsequence("web-ing", "<none>", "example.com", "80");
    assertThat(kubectl.ok("describe", "ingress", "web-ing"))
        .contains("example.com")
        .contains("web-svc:80");

    Kubectl.Result tooHigh = kubectl.run("create", "priorityclass", "huge", "--value=2000000000");
    assertThat(tooHigh.exit()).isNotZero();
    assertThat(tooHigh.err())
        .contains("maximum allowed value of a user defined priority is 1000000000");
    create("create", "priorityclass", "default-a", "--value=10", "--global-default");
    Kubectl.Result second =
        kubectl.run("create", "priorityclass", "default-b", "--value=20", "--global-default");
    assertThat(second.exit()).isNotZero();
    assertThat(second.err())
        .contains(
            "PriorityClass default-a is already marked as default. Only one default can exist");
    Kubectl.Result both =
        kubectl.runWithInput(
            "{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudget\","
                + "\"metadata\":{\"name\":\"both\"},"
                + "\"spec\":{\"minAvailable\":1,\"maxUnavailable\":1}}",
            "create",
            "-f",
            "-");
    assertThat(both.exit()).isNotZero();
    assertThat(both.err()).contains("minAvailable and maxUnavailable cannot be both set");
  }

  @Test
  void networkPolicyAndIngressClassManifests() throws Exception {
    apply(
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\","
            + "\"metadata\":{\"name\":\"db\"},\"spec\":{\"podSelector\":"
            + "{\"matchLabels\":{\"role\":\"db\"}},\"egress\":[{\"ports\":[{\"port\":53}]}]}}");
    JsonNode np = get("networkpolicy", "db");
    assertThat(np.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
    assertThat(np.at("/spec/egress/0/ports/0/protocol").asText()).isEqualTo("TCP");
    List<String> nps = table("netpol", "db");
    assertThat(header(nps)).containsExactly("NAME", "POD-SELECTOR", "AGE");
    assertThat(row(nps, 1)).containsSubsequence("db", "role=db");

    apply(
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"IngressClass\","
            + "\"metadata\":{\"name\":\"nginx\",\"annotations\":"
            + "{\"ingressclass.kubernetes.io/is-default-class\":\"true\"}},\"spec\":{\"controller\":"
            + "\"k8s.io/ingress-nginx\",\"parameters\":{\"kind\":\"P\",\"name\":\"p\"}}}");
    JsonNode ic = get("ingressclass", "nginx");
    assertThat(ic.at("/spec/parameters/scope").asText()).isEqualTo("Cluster");
    List<String> ics = table("ingressclass", "nginx");
    assertThat(header(ics)).containsExactly("NAME", "CONTROLLER", "PARAMETERS", "AGE");
    assertThat(row(ics, 1)).containsSubsequence("nginx", "k8s.io/ingress-nginx", "P/p");
    // DefaultIngressClass admission: an ingress without a class gets the default one
    create("create", "ingress", "plain", "--rule=a.example.com/=web:80");
    assertThat(get("ingress", "plain").at("/spec/ingressClassName").asText()).isEqualTo("nginx");
    create("create", "ingress", "chosen", "--class=other", "--rule=b.example.com/=web:80");
    assertThat(get("ingress", "chosen").at("/spec/ingressClassName").asText()).isEqualTo("other");

    apply(
        "{\"apiVersion\":\"v1\",\"kind\":\"LimitRange\",\"metadata\":{\"name\":\"lr\"},"
            + "\"spec\":{\"limits\":[{\"type\":\"Container\",\"max\":{\"cpu\":\"2\"}}]}}");
    JsonNode lr = get("limits", "lr");
    assertThat(lr.at("/spec/limits/0/default/cpu").asText()).isEqualTo("2");
    assertThat(lr.at("/spec/limits/0/defaultRequest/cpu").asText()).isEqualTo("2");
    assertThat(header(table("limitrange", "lr"))).containsExactly("NAME", "CREATED AT");
  }

  /**
   * The same generator sent as protobuf (the command itself) and as JSON ({@code --dry-run=client
   * -o json} then {@code create -f}, which kubectl sends as JSON) stores the same object.
   */
  @Test
  void protobufAndJsonBodiesStoreTheSameObject() throws Exception {
    create("create", "namespace", "via-pb");
    create("create", "namespace", "via-json");
    List<List<String>> commands =
        List.of(
            List.of(
                "create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=80"),
            List.of("create", "service", "clusterip", "web", "--tcp=80:8080", "--tcp=443:https"),
            List.of("create", "job", "once", "--image=busybox:1.36", "--", "echo", "hi"),
            List.of("create", "cronjob", "nightly", "--image=busybox:1.36", "--schedule=0 3 * * *"),
            List.of(
                "run",
                "pod1",
                "--image=busybox:1.36",
                "--env=A=1",
                "--port=80",
                "--",
                "sleep",
                "1"),
            List.of("create", "secret", "generic", "creds", "--from-literal=k=v"),
            List.of("create", "configmap", "cm", "--from-literal=k=v"),
            List.of("create", "role", "reader", "--verb=get", "--resource=pods,configmaps"),
            List.of("create", "quota", "q", "--hard=pods=10,cpu=2"),
            List.of(
                "create",
                "poddisruptionbudget",
                "pdb",
                "--selector=app=web",
                "--max-unavailable=1"),
            List.of("create", "ingress", "ing", "--rule=example.com/api*=web:http"));
    for (List<String> command : commands) {
      List<String> pb = new ArrayList<>(command);
      pb.addAll(2, List.of("-n", "via-pb")); // flags before any "--"
      create(pb.toArray(String[]::new));
      List<String> dry = new ArrayList<>(command);
      dry.addAll(2, List.of("-n", "via-json", "--dry-run=client", "-o", "json"));
      Path manifest = dir.resolve(command.get(1) + "-" + command.get(2) + ".json");
      Files.writeString(manifest, kubectl.ok(dry.toArray(String[]::new)));
      create("create", "-f", manifest.toString());

      String kind =
          switch (command.get(1)) {
            case "pod1" -> "pod";
            case "quota" -> "resourcequota";
            default -> command.get(1);
          };
      String name =
          command.get(0).equals("run")
              ? command.get(1)
              : command.get(kind.equals("service") || kind.equals("secret") ? 3 : 2);
      JsonNode fromPb = comparable(get(kind, name, "-n", "via-pb"));
      JsonNode fromJson = comparable(get(kind, name, "-n", "via-json"));
      assertThat(fromPb).as("%s", command).isEqualTo(fromJson);
    }
  }

  /** The object without what differs between two creations in two namespaces. */
  private static JsonNode comparable(JsonNode object) {
    // A Job's generated selector and template labels carry its uid: replace it everywhere.
    String uid = object.path("metadata").path("uid").asText("");
    ObjectNode o =
        (ObjectNode)
            (uid.isEmpty()
                ? object.deepCopy()
                : dev.keelson.api.json.KubeJson.parse(
                    object.toString().replace(uid, "UID").getBytes(StandardCharsets.UTF_8)));
    ObjectNode m = (ObjectNode) o.get("metadata");
    m.remove(List.of("uid", "resourceVersion", "creationTimestamp", "namespace", "managedFields"));
    if (o.path("spec").has("clusterIP")) {
      ((ObjectNode) o.get("spec")).remove(List.of("clusterIP", "clusterIPs"));
    }
    return o;
  }
}
