package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServiceBuilder;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServiceSpec;
import dev.keelson.api.core.v1.ServiceSpecBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.values.IntOrString;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceValidationTest {
  private final ServiceValidation validator = new ServiceValidation();

  private static ServicePort port(String name, int port) {
    return new ServicePort(name, null, null, port, null, null);
  }

  private static Service service(ServiceSpec spec) {
    return ServiceBuilder.builder().metadata(ObjectMeta.named("default", "web")).spec(spec).build();
  }

  private static ServiceSpecBuilder spec(ServicePort... ports) {
    return ServiceSpecBuilder.builder().ports(List.of(ports)).selector(Map.of("app", "web"));
  }

  private List<String> errors(Service s) {
    return validator.validate(s).stream().map(FieldError::toString).toList();
  }

  @Test
  void aTypicalServiceIsValid() {
    ServicePort http = new ServicePort("http", "TCP", null, 80, IntOrString.of("http"), null);
    ServicePort metrics = new ServicePort("metrics", null, null, 9090, IntOrString.of(9091), null);
    assertThat(errors(service(spec(http, metrics).type("ClusterIP").build()))).isEmpty();
    assertThat(
            errors(
                service(
                    spec(new ServicePort(null, null, null, 80, null, 30080))
                        .type("NodePort")
                        .build())))
        .isEmpty();
  }

  @Test
  void serviceNamesAreDns1035Labels() {
    Service s =
        service(spec(port(null, 80)).build()).withMetadata(ObjectMeta.named("default", "1web"));
    assertThat(errors(s))
        .singleElement()
        .asString()
        .startsWith("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of");
  }

  @Test
  void portsAreRequiredUnlessHeadlessOrExternalName() {
    assertThat(errors(service(spec().build()))).containsExactly("spec.ports: Required value");
    assertThat(errors(service(spec().clusterIP("None").build()))).isEmpty();
    assertThat(errors(service(spec().type("ExternalName").externalName("db.example.com").build())))
        .isEmpty();
  }

  @Test
  void portNamesAreRequiredWithMoreThanOnePortAndUnique() {
    assertThat(errors(service(spec(port("http", 80), port(null, 81)).build())))
        .containsExactly("spec.ports[1].name: Required value");
    assertThat(errors(service(spec(port("http", 80), port("http", 81)).build())))
        .containsExactly("spec.ports[1].name: Duplicate value: \"http\"");
    assertThat(errors(service(spec(port("HTTP", 80)).build())))
        .singleElement()
        .asString()
        .startsWith("spec.ports[0].name: Invalid value: \"HTTP\": a lowercase RFC 1123 label");
  }

  @Test
  void portsAreUniqueByPortAndProtocol() {
    ServicePort udp = new ServicePort("dns-udp", "UDP", null, 53, null, null);
    ServicePort tcp = new ServicePort("dns-tcp", "TCP", null, 53, null, null);
    assertThat(errors(service(spec(udp, tcp).build()))).isEmpty();
    assertThat(errors(service(spec(port("a", 80), port("b", 80)).build())))
        .containsExactly("spec.ports[1]: Duplicate value: {\"port\":80,\"protocol\":\"TCP\"}");
  }

  @Test
  void portAndTargetPortRanges() {
    assertThat(errors(service(spec(port(null, 0)).build())))
        .containsExactly(
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive");
    assertThat(
            errors(
                service(
                    spec(new ServicePort(null, null, null, 80, IntOrString.of(70000), null))
                        .build())))
        .containsExactly(
            "spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535,"
                + " inclusive");
    assertThat(
            errors(
                service(
                    spec(new ServicePort(null, null, null, 80, IntOrString.of("-web"), null))
                        .build())))
        .containsExactly(
            "spec.ports[0].targetPort: Invalid value: \"-web\": must not begin or end with a hyphen");
  }

  @Test
  void typeAndProtocolAreFromTheirSets() {
    assertThat(errors(service(spec(port(null, 80)).type("Internal").build())))
        .containsExactly(
            "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\","
                + " \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
    assertThat(errors(service(spec(new ServicePort(null, "ICMP", null, 80, null, null)).build())))
        .containsExactly(
            "spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\","
                + " \"TCP\", \"UDP\"");
  }

  @Test
  void clusterIpNoneOnlyForClusterIpServicesAndNoNodePortThere() {
    assertThat(errors(service(spec(port(null, 80)).type("NodePort").clusterIP("None").build())))
        .containsExactly(
            "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services");
    assertThat(
            errors(
                service(
                    spec(new ServicePort(null, null, null, 80, null, 30080))
                        .type("ClusterIP")
                        .build())))
        .containsExactly(
            "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  }

  @Test
  void externalNameServicesNeedAValidExternalName() {
    assertThat(errors(service(spec().type("ExternalName").build())))
        .containsExactly("spec.externalName: Required value");
    assertThat(errors(service(spec().type("ExternalName").externalName("db.example.com.").build())))
        .isEmpty();
    assertThat(errors(service(spec().type("ExternalName").externalName("Not Valid").build())))
        .singleElement()
        .asString()
        .startsWith("spec.externalName: Invalid value: \"Not Valid\"");
  }

  @Test
  void clusterIpIsImmutable() {
    Service old =
        service(spec(port(null, 80)).clusterIP("10.0.0.10").build())
            .withMetadata(ObjectMeta.named("default", "web").withResourceVersion("1"));
    Service changed = old.withSpec(old.spec().withClusterIP("10.0.0.11"));
    assertThat(validator.validateUpdate(old, old)).isEmpty();
    assertThat(validator.validateUpdate(changed, old).stream().map(FieldError::toString))
        .containsExactly(
            "spec.clusterIPs[0]: Invalid value: [\"10.0.0.11\"]: may not change once set");
  }
}
