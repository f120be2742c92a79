package dev.keelson.api.core.v1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.IntOrString;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core/v1 records: defaults, wire order, patch tags, helpers. */
class CoreV1ModelTest {
  private static byte[] json(String s) {
    return s.replace('\'', '"').getBytes(UTF_8);
  }

  private static PatchStrategy tag(Class<? extends Record> type, String component) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(component)) {
        return c.getAnnotation(PatchStrategy.class);
      }
    }
    throw new AssertionError(type.getSimpleName() + " has no component " + component);
  }

  @Test
  void kindsDefaultTheirApiVersionAndKind() {
    Pod pod = PodBuilder.builder().metadata(ObjectMeta.named("ns", "p")).build();
    assertThat(pod.apiVersion()).isEqualTo("v1");
    assertThat(pod.kind()).isEqualTo("Pod");
    assertThat(new Secret(null, null, null, null, null, null, null).kind()).isEqualTo(Secret.KIND);
    assertThat(pod.withMetadata(ObjectMeta.named("x")).metadata().name()).isEqualTo("x");
  }

  @Test
  void fieldsAreWrittenInKubernetesWireOrder() {
    Container c =
        ContainerBuilder.builder()
            .image("nginx")
            .name("web")
            .ports(List.of(ContainerPortBuilder.builder().containerPort(80).name("http").build()))
            .build();
    assertThat(KubeJson.encodeToString(c))
        .isEqualTo(
            "{\"name\":\"web\",\"image\":\"nginx\",\"ports\":[{\"name\":\"http\",\"containerPort\":80}]}");
  }

  @Test
  void strategicMergeTagsMatchKubernetes() {
    assertThat(tag(PodSpec.class, "containers").key()).isEqualTo("name");
    assertThat(tag(PodSpec.class, "initContainers").key()).isEqualTo("name");
    assertThat(tag(PodSpec.class, "ephemeralContainers").key()).isEqualTo("name");
    assertThat(tag(PodSpec.class, "volumes").retainKeys()).isTrue();
    assertThat(tag(PodSpec.class, "volumes").key()).isEqualTo("name");
    assertThat(tag(PodSpec.class, "imagePullSecrets").key()).isEqualTo("name");
    assertThat(tag(PodSpec.class, "hostAliases").key()).isEqualTo("ip");
    assertThat(tag(PodSpec.class, "topologySpreadConstraints").key()).isEqualTo("topologyKey");
    assertThat(tag(PodSpec.class, "tolerations")).isNull();
    assertThat(tag(Container.class, "env").key()).isEqualTo("name");
    assertThat(tag(Container.class, "ports").key()).isEqualTo("containerPort");
    assertThat(tag(Container.class, "volumeMounts").key()).isEqualTo("mountPath");
    assertThat(tag(Container.class, "volumeDevices").key()).isEqualTo("devicePath");
    assertThat(tag(PodStatus.class, "conditions").key()).isEqualTo("type");
    assertThat(tag(NodeStatus.class, "conditions").key()).isEqualTo("type");
    assertThat(tag(NodeStatus.class, "addresses").key()).isEqualTo("type");
    assertThat(tag(ServiceSpec.class, "ports").key()).isEqualTo("port");
    assertThat(tag(ServiceStatus.class, "conditions").key()).isEqualTo("type");
    assertThat(tag(ServiceAccount.class, "secrets").key()).isEqualTo("name");
    assertThat(tag(PersistentVolumeClaimStatus.class, "conditions").key()).isEqualTo("type");
  }

  @Test
  void helpersFindContainersPortsVolumesAndConditions() {
    Pod pod =
        KubeJson.decode(
            json(
                "{'spec':{'initContainers':[{'name':'init'}],'containers':[{'name':'web',"
                    + "'ports':[{'name':'http','containerPort':8080}],'env':[{'name':'A','value':'1'}]}],"
                    + "'volumes':[{'name':'v','emptyDir':{}}]},"
                    + "'status':{'conditions':[{'type':'Ready','status':'True'}],"
                    + "'containerStatuses':[{'name':'web','ready':true,'restartCount':0}]}}"),
            Pod.class);
    assertThat(pod.spec().container("web").port("http").containerPort()).isEqualTo(8080);
    assertThat(pod.spec().container("init")).isNotNull();
    assertThat(pod.spec().container("nope")).isNull();
    assertThat(pod.spec().container("web").envValue("A")).isEqualTo("1");
    assertThat(pod.spec().volume("v").emptyDir()).isNotNull();
    assertThat(pod.status().condition("Ready").status()).isEqualTo("True");
    assertThat(pod.status().isReady()).isTrue();
    assertThat(pod.status().containerStatus("web").ready()).isTrue();
  }

  @Test
  void secretDataIsBase64TextWithDecodingHelpers() {
    Secret s =
        SecretBuilder.builder()
            .metadata(ObjectMeta.named("ns", "s"))
            .build()
            .withDecoded("password", "s3cr3t".getBytes(UTF_8));
    assertThat(s.data()).containsEntry("password", "czNjcjN0");
    assertThat(new String(s.decoded("password"), UTF_8)).isEqualTo("s3cr3t");
    assertThat(s.decoded("missing")).isNull();
    assertThat(KubeJson.encodeToString(s)).contains("\"data\":{\"password\":\"czNjcjN0\"}");
    assertThat(KubeJson.decode(KubeJson.encode(s), Secret.class)).isEqualTo(s);
  }

  @Test
  void emptyVolumeSourceObjectsAreKept() {
    Volume v =
        VolumeBuilder.builder()
            .name("tmp")
            .emptyDir(EmptyDirVolumeSourceBuilder.builder().build())
            .build();
    assertThat(KubeJson.encodeToString(v)).isEqualTo("{\"name\":\"tmp\",\"emptyDir\":{}}");
  }

  @Test
  void probePortsAreIntOrString() {
    HTTPGetAction get =
        KubeJson.decode(json("{'path':'/healthz','port':'http'}"), HTTPGetAction.class);
    assertThat(get.port()).isEqualTo(IntOrString.of("http"));
    assertThat(KubeJson.decode(json("{'port':8080}"), TCPSocketAction.class).port().intValue())
        .isEqualTo(8080);
  }

  @Test
  void resourceListsAreQuantitiesInSortedOrder() {
    ResourceRequirements r =
        KubeJson.decode(
            json("{'requests':{'memory':'64Mi','cpu':'250m'}}"), ResourceRequirements.class);
    assertThat(r.requests().keySet()).containsExactly("cpu", "memory");
    assertThat(r.requests().get("cpu").toString()).isEqualTo("250m");
    assertThat(r.limits()).isEqualTo(Map.of());
  }
}
