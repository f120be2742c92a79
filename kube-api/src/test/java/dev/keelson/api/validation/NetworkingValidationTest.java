package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.json.KubeJson;
import dev.keelson.api.networking.v1.Ingress;
import dev.keelson.api.networking.v1.IngressClass;
import dev.keelson.api.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ingress, IngressClass and NetworkPolicy validation, with Kubernetes' paths and messages. */
class NetworkingValidationTest {
  private static final String SVC = "backend: {service: {name: web, port: {number: 80}}}";

  private static List<String> ingress(String spec) {
    Ingress i = KubeJson.decodeYaml("metadata: {name: i}\nspec: {" + spec + "}", Ingress.class);
    return NetworkingValidation.ingress(i).stream().map(FieldError::toString).toList();
  }

  private static List<String> rule(String host, String path) {
    String h = host == null ? "" : "host: '" + host + "', ";
    return ingress("rules: [{" + h + "http: {paths: [{" + path + "}]}}]");
  }

  private static List<String> policy(String spec) {
    NetworkPolicy n =
        KubeJson.decodeYaml("metadata: {name: n}\nspec: {" + spec + "}", NetworkPolicy.class);
    return NetworkingValidation.networkPolicy(n).stream().map(FieldError::toString).toList();
  }

  private static IngressClass ingressClass(String spec) {
    return KubeJson.decodeYaml("metadata: {name: c}\nspec: {" + spec + "}", IngressClass.class);
  }

  @Test
  void anIngressNeedsRulesOrADefaultBackend() {
    assertThat(ingress(""))
        .containsExactly(
            "spec: Invalid value: []: either `defaultBackend` or `rules` must be specified");
    assertThat(ingress("defaultBackend: {service: {name: web, port: {name: http}}}")).isEmpty();
  }

  @Test
  void hostsAreDnsNamesNotIps() {
    assertThat(rule("example.com", "path: /, pathType: Prefix, " + SVC)).isEmpty();
    assertThat(rule("*.example.com", "path: /, pathType: Prefix, " + SVC)).isEmpty();
    assertThat(rule("10.0.0.1", "path: /, pathType: Prefix, " + SVC))
        .containsExactly(
            "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP"
                + " address");
    assertThat(rule("a.*.com", "path: /, pathType: Prefix, " + SVC))
        .singleElement()
        .asString()
        .startsWith(
            "spec.rules[0].host: Invalid value: \"a.*.com\": a wildcard DNS-1123 subdomain must"
                + " start with '*.'");
  }

  @Test
  void pathsHaveATypeAndExactOrPrefixPathsAreCleanAbsolutePaths() {
    assertThat(rule(null, "path: /, " + SVC))
        .containsExactly(
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified");
    assertThat(rule(null, "path: /, pathType: Regex, " + SVC))
        .containsExactly(
            "spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported values:"
                + " \"Exact\", \"ImplementationSpecific\", \"Prefix\"");
    assertThat(rule(null, "path: api, pathType: Exact, " + SVC))
        .containsExactly(
            "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path");
    assertThat(rule(null, "path: /a//b/., pathType: Prefix, " + SVC))
        .containsExactly(
            "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b/.\": must not contain '//'",
            "spec.rules[0].http.paths[0].path: Invalid value: \"/a//b/.\": cannot end with '/.'");
    assertThat(rule(null, "pathType: ImplementationSpecific, " + SVC)).isEmpty();
    assertThat(ingress("rules: [{http: {paths: []}}]"))
        .containsExactly("spec.rules[0].http.paths: Required value");
  }

  @Test
  void aBackendIsExactlyOneServiceWithAPortOrOneResource() {
    String at = "spec.rules[0].http.paths[0].backend";
    assertThat(rule(null, "path: /, pathType: Exact, backend: {}"))
        .containsExactly(at + ": Invalid value: \"\": resource or service backend is required");
    assertThat(
            rule(
                null,
                "path: /, pathType: Exact, backend: {service: {name: web, port: {number: 80}},"
                    + " resource: {kind: Bucket, name: b}}"))
        .containsExactly(
            at + ": Invalid value: \"\": cannot set both resource and service backends");
    assertThat(rule(null, "path: /, pathType: Exact, backend: {service: {name: web}}"))
        .containsExactly(at + ": Required value: port name or number is required");
    assertThat(
            rule(
                null,
                "path: /, pathType: Exact, backend: {service: {name: web, port: {name: http,"
                    + " number: 80}}}"))
        .containsExactly(at + ": Invalid value: \"\": cannot set both port name & port number");
    assertThat(rule(null, "path: /, pathType: Exact, backend: {service: {port: {number: 70000}}}"))
        .containsExactly(
            at + ".service.name: Required value",
            at
                + ".service.port.number: Invalid value: 70000: must be between 1 and 65535,"
                + " inclusive");
    assertThat(rule(null, "path: /, pathType: Exact, backend: {resource: {name: b}}"))
        .containsExactly(at + ".resource.kind: Required value: kind is required");
  }

  @Test
  void ingressClassesNameADomainPrefixedControllerThatCannotChange() {
    assertThat(NetworkingValidation.ingressClass(ingressClass("controller: example.com/ingress")))
        .isEmpty();
    assertThat(
            NetworkingValidation.ingressClass(ingressClass("controller: nginx")).stream()
                .map(FieldError::toString))
        .containsExactly(
            "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as"
                + " \"acme.io/foo\")");
    assertThat(
            NetworkingValidation.ingressClass(
                    ingressClass(
                        "controller: example.com/i, parameters: {kind: P, name: p, scope:"
                            + " Namespace}"))
                .stream()
                .map(FieldError::toString))
        .containsExactly(
            "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'");
    IngressClass old = ingressClass("controller: example.com/a");
    assertThat(
            NetworkingValidation.ingressClassUpdate(ingressClass("controller: example.com/b"), old)
                .stream()
                .map(FieldError::toString))
        .containsExactly("spec.controller: Invalid value: \"example.com/b\": field is immutable");
  }

  @Test
  void networkPolicyPortsHaveAProtocolAndAValidPortOrRange() {
    assertThat(
            policy(
                "podSelector: {}, ingress: [{ports: [{protocol: TCP, port: 80}, {port: 32000,"
                    + " endPort: 32768}, {port: http}]}]"))
        .isEmpty();
    assertThat(
            policy(
                "ingress: [{ports: [{protocol: ICMP}, {port: 90, endPort: 80}, {port: http,"
                    + " endPort: 9}, {endPort: 9}]}]"))
        .containsExactly(
            "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values:"
                + " \"TCP\", \"UDP\", \"SCTP\"",
            "spec.ingress[0].ports[1].endPort: Invalid value: 90: must be greater than or equal to"
                + " `port`",
            "spec.ingress[0].ports[2].endPort: Invalid value: 9: may not be specified when `port`"
                + " is non-numeric",
            "spec.ingress[0].ports[3].endPort: Invalid value: 9: may not be specified when `port`"
                + " is not specified");
  }

  @Test
  void networkPolicyPeersAreSelectorsOrAnIpBlockAlone() {
    assertThat(
            policy(
                "egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}},"
                    + " {namespaceSelector: {}, podSelector: {matchLabels: {a: b}}}]}]"))
        .isEmpty();
    assertThat(
            policy(
                "egress: [{to: [{}, {ipBlock: {cidr: 10.0.0.0/8}, podSelector: {}},"
                    + " {ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16, 10.0.0.0/8]}},"
                    + " {ipBlock: {cidr: nope}}]}]"))
        .containsExactly(
            "spec.egress[0].to[0]: Required value: must specify a peer",
            "spec.egress[0].to[1]: Forbidden: may not specify both ipBlock and another peer",
            "spec.egress[0].to[2].ipBlock.except[0]: Invalid value: \"192.168.0.0/16\": must be a"
                + " strict subset of `cidr`",
            "spec.egress[0].to[2].ipBlock.except[1]: Invalid value: \"10.0.0.0/8\": must be a"
                + " strict subset of `cidr`",
            "spec.egress[0].to[3].ipBlock.cidr: Invalid value: \"nope\": must be a valid CIDR"
                + " value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    assertThat(policy("policyTypes: [Ingress, Sideways]"))
        .containsExactly(
            "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\","
                + " \"Egress\"");
  }
}
