package dev.keelson.apiserver.admission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.MutatingPlugin;
import dev.keelson.apiserver.admission.Operation;
import java.util.Comparator;
import java.util.Optional;

/**
 * kube-apiserver's {@code DefaultIngressClass} plugin: an Ingress created without {@code
 * spec.ingressClassName} (and without the legacy {@code kubernetes.io/ingress.class} annotation)
 * gets the name of the IngressClass annotated {@code ingressclass.kubernetes.io/is-default-class:
 * "true"}; when several are, the newest (then the first by name). Read from the IngressClasses'
 * watch cache, as the plugin reads its informer.
 */
public final class DefaultIngressClass implements MutatingPlugin {
  static final String IS_DEFAULT = "ingressclass.kubernetes.io/is-default-class";
  static final String LEGACY_ANNOTATION = "kubernetes.io/ingress.class";
  static final GroupResource INGRESS_CLASSES =
      GroupResource.of("networking.k8s.io", "ingressclasses");

  private final AdmissionContext context;

  public DefaultIngressClass(AdmissionContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return AdmissionPlugins.DEFAULT_INGRESS_CLASS;
  }

  @Override
  public boolean handles(Operation operation) {
    return operation == Operation.CREATE;
  }

  @Override
  public void admit(Attributes a) {
    ObjectNode ingress = a.object();
    if (!a.isMain("networking.k8s.io", "ingresses")
        || ingress == null
        || !context.serves(INGRESS_CLASSES)) {
      return;
    }
    JsonNode spec = ingress.path("spec");
    if (spec.has("ingressClassName")
        || ingress.path("metadata").path("annotations").has(LEGACY_ANNOTATION)) {
      return;
    }
    Optional<ObjectNode> chosen =
        context.list(INGRESS_CLASSES, null).stream()
            .filter(
                c ->
                    "true".equals(c.path("metadata").path("annotations").path(IS_DEFAULT).asText()))
            .min(
                Comparator.comparing(
                        (ObjectNode c) -> c.path("metadata").path("creationTimestamp").asText(""))
                    .reversed()
                    .thenComparing(c -> c.path("metadata").path("name").asText("")));
    chosen.ifPresent(
        c -> {
          ObjectNode s = spec instanceof ObjectNode o ? o : ingress.putObject("spec");
          s.put("ingressClassName", c.path("metadata").path("name").asText());
        });
  }
}
