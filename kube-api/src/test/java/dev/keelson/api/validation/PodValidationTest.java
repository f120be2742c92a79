package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.ContainerPort;
import dev.keelson.api.core.v1.EmptyDirVolumeSource;
import dev.keelson.api.core.v1.EnvVar;
import dev.keelson.api.core.v1.EnvVarSource;
import dev.keelson.api.core.v1.ExecAction;
import dev.keelson.api.core.v1.HTTPGetAction;
import dev.keelson.api.core.v1.HTTPGetActionBuilder;
import dev.keelson.api.core.v1.ObjectFieldSelector;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodBuilder;
import dev.keelson.api.core.v1.PodSpec;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.Probe;
import dev.keelson.api.core.v1.ProbeBuilder;
import dev.keelson.api.core.v1.ResourceRequirements;
import dev.keelson.api.core.v1.TCPSocketAction;
import dev.keelson.api.core.v1.Volume;
import dev.keelson.api.core.v1.VolumeBuilder;
import dev.keelson.api.core.v1.VolumeMountBuilder;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.values.IntOrString;
import dev.keelson.api.values.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class PodValidationTest {
  private final PodValidation validator = new PodValidation();

  private static Container container(String name) {
    return ContainerBuilder.builder().name(name).image("nginx:1.27").build();
  }

  private static ContainerPort port(String name, Integer containerPort) {
    return new ContainerPort(name, null, containerPort, null, null);
  }

  private static Volume emptyDir(String name) {
    return VolumeBuilder.builder()
        .name(name)
        .emptyDir(new EmptyDirVolumeSource(null, null, null))
        .build();
  }

  private static Pod pod(PodSpec spec) {
    return PodBuilder.builder().metadata(ObjectMeta.named("default", "web")).spec(spec).build();
  }

  private static Pod pod(Container... containers) {
    return pod(PodSpecBuilder.builder().containers(List.of(containers)).build());
  }

  private List<String> errors(Pod pod) {
    return validator.validate(pod).stream().map(FieldError::toString).toList();
  }

  private static Probe probe() {
    return ProbeBuilder.builder()
        .tcpSocket(new TCPSocketAction(IntOrString.of(8080), null))
        .build();
  }

  @Test
  void aTypicalPodIsValid() {
    Container web =
        container("web")
            .withPorts(
                List.of(port("http", 8080), new ContainerPort("metrics", 9090, 9090, "TCP", null)))
            .withEnv(
                List.of(
                    new EnvVar("MODE", "prod", null),
                    new EnvVar(
                        "POD_NAME",
                        null,
                        new EnvVarSource(
                            new ObjectFieldSelector(null, "metadata.name"),
                            null,
                            null,
                            null,
                            null))))
            .withResources(
                new ResourceRequirements(
                    Map.of("cpu", Quantity.parse("1"), "memory", Quantity.parse("1Gi")),
                    Map.of("cpu", Quantity.parse("500m"), "memory", Quantity.parse("512Mi")),
                    null))
            .withVolumeMounts(
                List.of(VolumeMountBuilder.builder().name("data").mountPath("/data").build()))
            .withLivenessProbe(probe())
            .withReadinessProbe(
                ProbeBuilder.builder()
                    .httpGet(
                        HTTPGetActionBuilder.builder()
                            .path("/ready")
                            .port(IntOrString.of("http"))
                            .build())
                    .successThreshold(3)
                    .build())
            .withImagePullPolicy("IfNotPresent");
    PodSpec spec =
        PodSpecBuilder.builder()
            .containers(List.of(web))
            .initContainers(List.of(container("init")))
            .volumes(List.of(emptyDir("data")))
            .restartPolicy("Always")
            .dnsPolicy("ClusterFirst")
            .terminationGracePeriodSeconds(30L)
            .build();
    assertThat(validator.validate(pod(spec))).isEmpty();
  }

  @Test
  void aPodDecodedFromJsonIsValidated() {
    String json =
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},
         "spec":{"containers":[{"name":"web","image":"nginx"},{"name":"web","image":"nginx"}]}}
        """;
    Pod pod = KubeJson.decode(json.getBytes(StandardCharsets.UTF_8), Pod.class);
    assertThat(errors(pod)).containsExactly("spec.containers[1].name: Duplicate value: \"web\"");
    Assertions.assertThatThrownBy(() -> Validation.validated(pod, validator))
        .isInstanceOf(InvalidException.class)
        .hasMessage("Pod \"web\" is invalid: spec.containers[1].name: Duplicate value: \"web\"");
  }

  @Test
  void containersAreRequired() {
    assertThat(errors(pod())).containsExactly("spec.containers: Required value");
    assertThat(errors(pod((PodSpec) null))).containsExactly("spec: Required value");
  }

  @Test
  void containerNamesAreUniqueAcrossContainersAndInitContainers() {
    assertThat(errors(pod(container("web"), container("web"))))
        .containsExactly("spec.containers[1].name: Duplicate value: \"web\"");
    PodSpec spec =
        PodSpecBuilder.builder()
            .containers(List.of(container("web")))
            .initContainers(List.of(container("setup"), container("web")))
            .build();
    assertThat(errors(pod(spec)))
        .containsExactly("spec.initContainers[1].name: Duplicate value: \"web\"");
  }

  @Test
  void containerNamesAreDnsLabelsAndRequired() {
    assertThat(errors(pod(container("Web"))))
        .containsExactly(
            "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must"
                + " consist of lower case alphanumeric characters or '-', and must start and end"
                + " with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for"
                + " validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    assertThat(errors(pod(container(null))))
        .containsExactly("spec.containers[0].name: Required value");
  }

  @Test
  void imageIsRequired() {
    assertThat(errors(pod(container("web").withImage(""))))
        .containsExactly("spec.containers[0].image: Required value");
  }

  @Test
  void containerPortsAreInRangeAndHostPortsToo() {
    assertThat(errors(pod(container("web").withPorts(List.of(port(null, 70000))))))
        .containsExactly(
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1"
                + " and 65535, inclusive");
    assertThat(errors(pod(container("web").withPorts(List.of(port(null, 0))))))
        .containsExactly("spec.containers[0].ports[0].containerPort: Required value");
    assertThat(errors(pod(container("web").withPorts(List.of(port(null, 65535)))))).isEmpty();
    assertThat(
            errors(
                pod(
                    container("web")
                        .withPorts(List.of(new ContainerPort(null, -1, 80, null, null))))))
        .containsExactly(
            "spec.containers[0].ports[0].hostPort: Invalid value: -1: must be between 1 and"
                + " 65535, inclusive");
    assertThat(
            errors(
                pod(
                    container("web")
                        .withPorts(List.of(new ContainerPort(null, 0, 80, null, null))))))
        .isEmpty();
  }

  @Test
  void portNamesAreValidAndUniqueWithinAContainer() {
    assertThat(errors(pod(container("web").withPorts(List.of(port("http", 80), port("http", 81))))))
        .containsExactly("spec.containers[0].ports[1].name: Duplicate value: \"http\"");
    assertThat(
            errors(
                pod(
                    container("a").withPorts(List.of(port("http", 80))),
                    container("b").withPorts(List.of(port("http", 81))))))
        .isEmpty();
    assertThat(errors(pod(container("web").withPorts(List.of(port("8080", 80))))))
        .containsExactly(
            "spec.containers[0].ports[0].name: Invalid value: \"8080\": must contain at least one"
                + " letter (a-z)");
  }

  @Test
  void hostPortsAreUniqueInThePod() {
    ContainerPort p = new ContainerPort(null, 8080, 80, "TCP", null);
    assertThat(
            errors(pod(container("a").withPorts(List.of(p)), container("b").withPorts(List.of(p)))))
        .containsExactly("spec.containers[1].ports[0].hostPort: Duplicate value: \"8080/TCP\"");
  }

  @Test
  void protocolsAndPoliciesAreFromTheirSets() {
    assertThat(
            errors(
                pod(
                    container("web")
                        .withPorts(List.of(new ContainerPort(null, null, 80, "HTTP", null))))))
        .containsExactly(
            "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values:"
                + " \"SCTP\", \"TCP\", \"UDP\"");
    assertThat(
            errors(
                pod(
                    PodSpecBuilder.builder()
                        .containers(List.of(container("web")))
                        .restartPolicy("Sometimes")
                        .build())))
        .containsExactly(
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\","
                + " \"OnFailure\", \"Never\"");
    assertThat(
            errors(
                pod(
                    PodSpecBuilder.builder()
                        .containers(List.of(container("web")))
                        .dnsPolicy("Google")
                        .build())))
        .containsExactly(
            "spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirst\","
                + " \"ClusterFirstWithHostNet\", \"Default\", \"None\"");
    assertThat(errors(pod(container("web").withImagePullPolicy("Sometimes"))))
        .containsExactly(
            "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported"
                + " values: \"Always\", \"IfNotPresent\", \"Never\"");
    assertThat(errors(pod(container("web").withImagePullPolicy("Never")))).isEmpty();
  }

  @Test
  void requestsMayNotExceedLimits() {
    Container c =
        container("web")
            .withResources(
                new ResourceRequirements(
                    Map.of("cpu", Quantity.parse("500m")),
                    Map.of("cpu", Quantity.parse("1")),
                    null));
    assertThat(errors(pod(c)))
        .containsExactly(
            "spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or"
                + " equal to cpu limit of 500m");
    Container equal =
        container("web")
            .withResources(
                new ResourceRequirements(
                    Map.of("memory", Quantity.parse("1Gi")),
                    Map.of("memory", Quantity.parse("1024Mi")),
                    null));
    assertThat(errors(pod(equal))).isEmpty();
  }

  @Test
  void resourceQuantitiesAreNonNegativeAndNamesStandard() {
    Container c =
        container("web")
            .withResources(
                new ResourceRequirements(
                    Map.of("cpu", Quantity.parse("-1")), Map.of("gpu", Quantity.parse("1")), null));
    assertThat(errors(pod(c)))
        .containsExactly(
            "spec.containers[0].resources.limits[cpu]: Invalid value: \"-1\": must be greater than"
                + " or equal to 0",
            "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a"
                + " standard resource for containers");
    Container extended =
        container("web")
            .withResources(
                new ResourceRequirements(
                    Map.of("example.com/gpu", Quantity.parse("1")), null, null));
    assertThat(errors(pod(extended))).isEmpty();
  }

  @Test
  void volumeNamesAreUniqueAndEachVolumeHasExactlyOneSource() {
    PodSpec spec =
        PodSpecBuilder.builder()
            .containers(List.of(container("web")))
            .volumes(
                List.of(
                    emptyDir("data"),
                    emptyDir("data"),
                    VolumeBuilder.builder().name("none").build(),
                    emptyDir("two")
                        .withHostPath(
                            new dev.keelson.api.core.v1.HostPathVolumeSource("/tmp", null))))
            .build();
    assertThat(errors(pod(spec)))
        .containsExactly(
            "spec.volumes[1].name: Duplicate value: \"data\"",
            "spec.volumes[2]: Required value: must specify a volume type",
            "spec.volumes[3].emptyDir: Forbidden: may not specify more than 1 volume type");
  }

  @Test
  void volumeMountsReferenceExistingVolumesAtUniquePaths() {
    Container c =
        container("web")
            .withVolumeMounts(
                List.of(
                    VolumeMountBuilder.builder().name("data").mountPath("/data").build(),
                    VolumeMountBuilder.builder().name("cache").mountPath("/data").build(),
                    VolumeMountBuilder.builder().name("data").mountPath("").build(),
                    VolumeMountBuilder.builder()
                        .name("data")
                        .mountPath("/x")
                        .subPath("../etc")
                        .build()));
    PodSpec spec =
        PodSpecBuilder.builder().containers(List.of(c)).volumes(List.of(emptyDir("data"))).build();
    assertThat(errors(pod(spec)))
        .containsExactly(
            "spec.containers[0].volumeMounts[1].name: Not found: \"cache\"",
            "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/data\": must be unique",
            "spec.containers[0].volumeMounts[2].mountPath: Required value",
            "spec.containers[0].volumeMounts[3].subPath: Invalid value: \"../etc\": must not contain '..'");
  }

  @Test
  void envNamesAndValueSourcesAreChecked() {
    Container c =
        container("web")
            .withEnv(
                List.of(
                    new EnvVar("", "x", null),
                    new EnvVar("A=B", "x", null),
                    new EnvVar(
                        "FROM",
                        "x",
                        new EnvVarSource(
                            new ObjectFieldSelector(null, "metadata.name"),
                            null,
                            null,
                            null,
                            null)),
                    new EnvVar("EMPTY", null, new EnvVarSource(null, null, null, null, null)),
                    new EnvVar("1 relaxed.name-OK", "x", null)));
    assertThat(errors(pod(c)))
        .containsExactly(
            "spec.containers[0].env[0].name: Required value",
            "spec.containers[0].env[0].name: Invalid value: \"\": environment variable name must be non-empty",
            "spec.containers[0].env[1].name: Invalid value: \"A=B\": a valid environment variable"
                + " name must consist only of printable ASCII characters other than '='",
            "spec.containers[0].env[2].valueFrom: Invalid value: \"\": may not be specified when"
                + " `value` is not empty",
            "spec.containers[0].env[3].valueFrom: Invalid value: \"\": must specify one of:"
                + " `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
  }

  @Test
  void probesHaveExactlyOneHandler() {
    Probe two =
        ProbeBuilder.builder()
            .exec(new ExecAction(List.of("true")))
            .tcpSocket(new TCPSocketAction(IntOrString.of(80), null))
            .build();
    assertThat(errors(pod(container("web").withLivenessProbe(two))))
        .containsExactly(
            "spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1"
                + " handler type");
    assertThat(errors(pod(container("web").withReadinessProbe(ProbeBuilder.builder().build()))))
        .containsExactly(
            "spec.containers[0].readinessProbe: Required value: must specify a handler type");
    assertThat(errors(pod(container("web").withStartupProbe(probe().withSuccessThreshold(2)))))
        .containsExactly(
            "spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1");
    assertThat(errors(pod(container("web").withLivenessProbe(probe().withPeriodSeconds(-1)))))
        .containsExactly(
            "spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater"
                + " than or equal to 0");
    HTTPGetAction badPort = HTTPGetActionBuilder.builder().port(IntOrString.of(0)).build();
    assertThat(
            errors(
                pod(
                    container("web")
                        .withLivenessProbe(ProbeBuilder.builder().httpGet(badPort).build()))))
        .containsExactly(
            "spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: must be between 1"
                + " and 65535, inclusive");
  }

  @Test
  void initContainersMayNotHaveProbesUnlessSidecars() {
    PodSpec spec =
        PodSpecBuilder.builder()
            .containers(List.of(container("web")))
            .initContainers(
                List.of(
                    container("setup").withReadinessProbe(probe()),
                    container("proxy").withRestartPolicy("Always").withReadinessProbe(probe())))
            .build();
    assertThat(errors(pod(spec)))
        .containsExactly(
            "spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers");
  }

  @Test
  void gracePeriodAndDeadline() {
    PodSpec spec =
        PodSpecBuilder.builder()
            .containers(List.of(container("web")))
            .terminationGracePeriodSeconds(-1L)
            .activeDeadlineSeconds(0L)
            .build();
    assertThat(errors(pod(spec)))
        .containsExactly(
            "spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal"
                + " to 0",
            "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647,"
                + " inclusive");
  }

  @Test
  void podMetadataIsValidated() {
    Pod p = pod(container("web")).withMetadata(ObjectMeta.named(null, "Web"));
    assertThat(validator.validate(p))
        .extracting(FieldError::field)
        .containsExactly("metadata.name", "metadata.namespace");
  }

  @Test
  void updatesMayChangeImagesButNotOtherSpecFields() {
    Pod old =
        pod(container("web"))
            .withMetadata(ObjectMetaBuilderHelper.withRv(ObjectMeta.named("default", "web")));
    Pod newImage =
        old.withSpec(old.spec().withContainers(List.of(container("web").withImage("nginx:1.28"))));
    assertThat(validator.validateUpdate(newImage, old)).isEmpty();
    Pod newPorts =
        old.withSpec(
            old.spec()
                .withContainers(List.of(container("web").withPorts(List.of(port(null, 80))))));
    assertThat(validator.validateUpdate(newPorts, old))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec");
              assertThat(e.type()).isEqualTo(FieldError.Type.FORBIDDEN);
              assertThat(e.detail()).startsWith("pod updates may not change fields other than");
            });
  }

  /** Metadata with a resource version, as every update carries. */
  private static final class ObjectMetaBuilderHelper {
    static ObjectMeta withRv(ObjectMeta m) {
      return m.withResourceVersion("1");
    }
  }
}
