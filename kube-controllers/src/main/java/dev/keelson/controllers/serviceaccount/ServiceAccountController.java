package dev.keelson.controllers.serviceaccount;

import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.ServiceAccount;
import dev.keelson.api.core.v1.ServiceAccountBuilder;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ForbiddenException;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * kube-controller-manager's {@code serviceaccount-controller}: every namespace that is not
 * terminating has a ServiceAccount named {@code default} (created again if deleted), which the API
 * server's ServiceAccount admission requires of pods that name no other.
 */
public final class ServiceAccountController implements AutoCloseable {
  /** The service account every namespace gets. */
  public static final String DEFAULT = "default";

  private final KubeClient client;
  private final SharedInformer<Namespace> namespaces;
  private final SharedInformer<ServiceAccount> accounts;
  private final Controller controller;

  public ServiceAccountController(KubeClient client, InformerFactory informers, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.namespaces = informers.informer(Namespace.class);
    this.accounts = informers.informer(ServiceAccount.class);
    this.controller =
        Controller.builder("serviceaccount", this::reconcile)
            .forResource(namespaces)
            .watches(
                accounts,
                Mappers.<ServiceAccount>of(
                    sa ->
                        DEFAULT.equals(sa.metadata().name())
                            ? Set.of(Request.clusterScoped(sa.metadata().namespace()))
                            : Set.of()))
            .clock(clock)
            .build();
  }

  /** Starts the controller and its informers. */
  public void start() {
    controller.start();
    namespaces.start();
    accounts.start();
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
    if (accounts.indexer().get(new ObjectKey(ns, DEFAULT)).isPresent()) {
      return Result.done();
    }
    ServiceAccount sa =
        ServiceAccountBuilder.builder()
            .metadata(ObjectMetaBuilder.builder().name(DEFAULT).namespace(ns).build())
            .build();
    try {
      client.resources(ServiceAccount.class).inNamespace(ns).create(sa);
    } catch (AlreadyExistsException e) {
      // created meanwhile
    } catch (ForbiddenException e) {
      // the namespace began terminating meanwhile
    }
    return Result.done();
  }
}
