package dev.keelson.samples.operator;

import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentBuilder;
import dev.keelson.api.apps.v1.DeploymentSpecBuilder;
import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.ContainerPortBuilder;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodTemplateSpecBuilder;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServiceBuilder;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.core.v1.ServicePortBuilder;
import dev.keelson.api.core.v1.ServiceSpecBuilder;
import dev.keelson.api.meta.LabelSelectorBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.values.IntOrString;
import dev.keelson.controllers.support.ControllerRefs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Deployment and Service a {@link Website} owns, and whether existing ones match: each has the
 * Website's name and namespace, a controller reference to it, and the labels {@code
 * app.kubernetes.io/name=website}, {@code app.kubernetes.io/instance=<name>}, {@code
 * app.kubernetes.io/managed-by=website-operator}. The operator manages only the fields it sets
 * (replicas, the {@code web} container's image and port, the Service's port and selector) and
 * leaves the server's defaults alone.
 */
public final class WebsiteObjects {
  private WebsiteObjects() {}

  /** The name of the container that serves the site. */
  public static final String CONTAINER = "web";

  /** The name of the container and Service port. */
  public static final String PORT_NAME = "http";

  /** The labels that select a Website's pods. */
  public static Map<String, String> selector(Website site) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("app.kubernetes.io/name", "website");
    m.put("app.kubernetes.io/instance", site.metadata().name());
    return m;
  }

  /** The labels of everything a Website owns. */
  public static Map<String, String> labels(Website site) {
    Map<String, String> m = selector(site);
    m.put("app.kubernetes.io/managed-by", "website-operator");
    return m;
  }

  private static ObjectMeta meta(Website site) {
    return ObjectMetaBuilder.builder()
        .namespace(site.metadata().namespace())
        .name(site.metadata().name())
        .labels(labels(site))
        .ownerReferences(List.of(ControllerRefs.of(site)))
        .build();
  }

  private static Container container(WebsiteSpec spec) {
    return ContainerBuilder.builder()
        .name(CONTAINER)
        .image(spec.image())
        .ports(
            List.of(
                ContainerPortBuilder.builder()
                    .name(PORT_NAME)
                    .containerPort(spec.portOrDefault())
                    .protocol("TCP")
                    .build()))
        .build();
  }

  /** The Deployment {@code site} should have. */
  public static Deployment deployment(Website site) {
    WebsiteSpec spec = site.spec();
    return DeploymentBuilder.builder()
        .apiVersion("apps/v1")
        .kind("Deployment")
        .metadata(meta(site))
        .spec(
            DeploymentSpecBuilder.builder()
                .replicas(spec.replicasOrDefault())
                .selector(LabelSelectorBuilder.builder().matchLabels(selector(site)).build())
                .template(
                    PodTemplateSpecBuilder.builder()
                        .metadata(ObjectMetaBuilder.builder().labels(labels(site)).build())
                        .spec(PodSpecBuilder.builder().containers(List.of(container(spec))).build())
                        .build())
                .build())
        .build();
  }

  /** The Service {@code site} should have. */
  public static Service service(Website site) {
    return ServiceBuilder.builder()
        .apiVersion("v1")
        .kind("Service")
        .metadata(meta(site))
        .spec(
            ServiceSpecBuilder.builder()
                .type("ClusterIP")
                .selector(selector(site))
                .ports(List.of(servicePort(site.spec())))
                .build())
        .build();
  }

  private static ServicePort servicePort(WebsiteSpec spec) {
    return ServicePortBuilder.builder()
        .name(PORT_NAME)
        .protocol("TCP")
        .port(spec.portOrDefault())
        .targetPort(IntOrString.of(spec.portOrDefault()))
        .build();
  }

  /**
   * {@code existing} brought in line with {@code site}'s spec, or {@code null} when it already is.
   * Only the managed fields change; everything else (server defaults, other containers) stays.
   */
  public static Deployment reconcile(Deployment existing, Website site) {
    WebsiteSpec spec = site.spec();
    var dspec = existing.spec();
    var podSpec = dspec.template().spec();
    Container wanted = container(spec);
    boolean changed = !Objects.equals(dspec.replicas(), spec.replicasOrDefault());
    List<Container> containers = new java.util.ArrayList<>();
    boolean found = false;
    for (Container c : podSpec.containers()) {
      if (c.name().equals(CONTAINER)) {
        found = true;
        Container next = c.withImage(wanted.image()).withPorts(wanted.ports());
        changed |= !Objects.equals(c.image(), next.image()) || !portsMatch(c, spec);
        containers.add(next);
      } else {
        containers.add(c);
      }
    }
    if (!found) {
      containers.add(wanted);
      changed = true;
    }
    if (!changed) {
      return null;
    }
    return existing.withSpec(
        dspec
            .withReplicas(spec.replicasOrDefault())
            .withTemplate(dspec.template().withSpec(podSpec.withContainers(containers))));
  }

  private static boolean portsMatch(Container c, WebsiteSpec spec) {
    return c.ports().size() == 1
        && Objects.equals(c.ports().get(0).containerPort(), spec.portOrDefault())
        && PORT_NAME.equals(c.ports().get(0).name());
  }

  /** {@code existing} with the managed port and selector, or {@code null} when it has them. */
  public static Service reconcile(Service existing, Website site) {
    var spec = existing.spec();
    boolean portOk =
        spec.ports().size() == 1
            && Objects.equals(spec.ports().get(0).port(), site.spec().portOrDefault())
            && Objects.equals(
                spec.ports().get(0).targetPort(), IntOrString.of(site.spec().portOrDefault()));
    boolean selectorOk = spec.selector().equals(selector(site));
    if (portOk && selectorOk) {
      return null;
    }
    ServicePort port =
        spec.ports().isEmpty()
            ? servicePort(site.spec())
            : spec.ports()
                .get(0)
                .withName(PORT_NAME)
                .withPort(site.spec().portOrDefault())
                .withTargetPort(IntOrString.of(site.spec().portOrDefault()));
    return existing.withSpec(spec.withPorts(List.of(port)).withSelector(selector(site)));
  }
}
