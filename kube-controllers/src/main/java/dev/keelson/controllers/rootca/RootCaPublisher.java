package dev.keelson.controllers.rootca;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.ConfigMapBuilder;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * kube-controller-manager's {@code root-ca-certificate-publisher-controller}: every namespace that
 * is not terminating has a ConfigMap {@code kube-root-ca.crt} whose {@code ca.crt} is the cluster
 * CA (PEM, from configuration: kube-controller-manager's {@code --root-ca-file}), put back if
 * changed or deleted. Pods read it through the projected volume the ServiceAccount admission adds.
 */
public final class RootCaPublisher implements AutoCloseable {
  /** The ConfigMap's name. */
  public static final String NAME = "kube-root-ca.crt";

  /** The key of the CA bundle in the ConfigMap. */
  public static final String KEY = "ca.crt";

  static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
  static final String DESCRIPTION =
      "Contains a CA bundle that can be used to verify the kube-apiserver when using internal"
          + " endpoints such as the internal service IP or kubernetes.default.svc. No other usage"
          + " is guaranteed across distributions of Kubernetes clusters.";

  private final KubeClient client;
  private final String caPem;
  private final SharedInformer<Namespace> namespaces;
  private final SharedInformer<ConfigMap> configMaps;
  private final Controller controller;

  /**
   * A publisher of {@code caPem}.
   *
   * @throws IllegalArgumentException if {@code caPem} is empty
   */
  public RootCaPublisher(KubeClient client, InformerFactory informers, Clock clock, String caPem) {
    this.client = Objects.requireNonNull(client, "client");
    if (caPem == null || caPem.isBlank()) {
      throw new IllegalArgumentException("the root CA publisher needs the cluster CA (PEM)");
    }
    this.caPem = caPem;
    this.namespaces = informers.informer(Namespace.class);
    this.configMaps = informers.informer(ConfigMap.class);
    this.controller =
        Controller.builder("root-ca-cert-publisher", this::reconcile)
            .forResource(namespaces)
            .watches(
                configMaps,
                Mappers.<ConfigMap>of(
                    cm ->
                        NAME.equals(cm.metadata().name())
                            ? Set.of(Request.clusterScoped(cm.metadata().namespace()))
                            : Set.of()))
            .clock(clock)
            .build();
  }

  /** Starts the controller and its informers. */
  public void start() {
    controller.start();
    namespaces.start();
    configMaps.start();
  }

  /** Whether the informers have synced. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  @Override
  public void close() {
    controller.close();
  }

  private Result reconcile(Request request) {
    String ns = request.name();
    Optional<Namespace> namespace = namespaces.indexer().get(new ObjectKey(null, ns));
    if (namespace.isEmpty() || namespace.get().metadata().deletionTimestamp() != null) {
      return Result.done();
    }
    Optional<ConfigMap> current = configMaps.indexer().get(new ObjectKey(ns, NAME));
    try {
      if (current.isEmpty()) {
        client
            .resources(ConfigMap.class)
            .inNamespace(ns)
            .create(
                ConfigMapBuilder.builder()
                    .metadata(
                        ObjectMetaBuilder.builder()
                            .name(NAME)
                            .namespace(ns)
                            .annotations(Map.of(DESCRIPTION_ANNOTATION, DESCRIPTION))
                            .build())
                    .data(Map.of(KEY, caPem))
                    .build());
      } else if (!caPem.equals(current.get().data().get(KEY))) {
        client
            .resources(ConfigMap.class)
            .inNamespace(ns)
            .update(current.get().withData(Map.of(KEY, caPem)));
      }
    } catch (AlreadyExistsException | NotFoundException | ForbiddenException e) {
      // created or deleted meanwhile, or the namespace is terminating: the next event tells
    }
    return Result.done();
  }
}
