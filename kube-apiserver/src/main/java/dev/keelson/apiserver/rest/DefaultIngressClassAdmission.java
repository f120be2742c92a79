package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.watch.ListOptions;
import dev.keelson.watch.StoredObject;
import java.util.Comparator;
import java.util.Optional;

/**
 * kube-apiserver's {@code DefaultIngressClass} admission rule: an Ingress created without {@code
 * spec.ingressClassName} (and without the legacy {@code kubernetes.io/ingress.class} annotation)
 * gets the name of the IngressClass annotated {@code ingressclass.kubernetes.io/is-default-class:
 * "true"}; when several are, the newest (then the first by name). Read from the IngressClasses'
 * watch cache, as the plugin reads its informer.
 */
final class DefaultIngressClassAdmission {
  static final String IS_DEFAULT = "ingressclass.kubernetes.io/is-default-class";
  static final String LEGACY_ANNOTATION = "kubernetes.io/ingress.class";

  private DefaultIngressClassAdmission() {}

  static void onCreate(ResourceHandler handler, ObjectNode ingress) {
    JsonNode spec = ingress.path("spec");
    if (spec.has("ingressClassName")
        || ingress.path("metadata").path("annotations").has(LEGACY_ANNOTATION)) {
      return;
    }
    ResourceContext classes = handler.context("networking.k8s.io", "ingressclasses");
    Optional<JsonNode> chosen =
        classes
            .cache()
            .list(
                ListOptions.all()
                    .atResourceVersion("0", ListOptions.ResourceVersionMatch.NOT_OLDER_THAN))
            .items()
            .stream()
            .map(StoredObject::json)
            .map(KubeJson::parse)
            .filter(
                c ->
                    "true".equals(c.path("metadata").path("annotations").path(IS_DEFAULT).asText()))
            .min(
                Comparator.comparing(
                        (JsonNode c) -> c.path("metadata").path("creationTimestamp").asText(""))
                    .reversed()
                    .thenComparing(c -> c.path("metadata").path("name").asText("")));
    chosen.ifPresent(
        c -> {
          ObjectNode s = spec instanceof ObjectNode o ? o : ingress.putObject("spec");
          s.put("ingressClassName", c.path("metadata").path("name").asText());
        });
  }
}
