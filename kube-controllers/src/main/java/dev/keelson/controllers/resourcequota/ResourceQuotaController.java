package dev.keelson.controllers.resourcequota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.ResourceQuota;
import dev.keelson.api.core.v1.ResourceQuotaStatus;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.quota.QuotaUsage;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.values.Quantity;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import dev.keelson.controller.cache.ObjectKey;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.source.EventPredicate;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * kube-controller-manager's {@code resourcequota-controller}: each ResourceQuota's {@code
 * status.hard} is its {@code spec.hard} and {@code status.used} what the namespace's objects use of
 * each of those resources ({@link QuotaUsage}), recounted from the API server when the quota is new
 * or its {@code spec.hard} changes, when a pod or service of its namespace releases usage (deleted,
 * a pod ended, a service changed type) and every {@link #RESYNC} (kube-controller- manager's {@code
 * --resource-quota-sync-period}; this also releases what refused writes held). Creates are charged
 * by the ResourceQuota admission, not recounted here. Until it has counted, the ResourceQuota
 * admission refuses the quota's resources ({@code status unknown for quota}).
 */
public final class ResourceQuotaController implements AutoCloseable {
  /** How often every quota is recounted. */
  public static final Duration RESYNC = Duration.ofMinutes(5);

  private static final Set<String> COUNTED_KINDS =
      Set.of(
          "pods",
          "services",
          "configmaps",
          "secrets",
          "persistentvolumeclaims",
          "replicationcontrollers",
          "resourcequotas");

  /**
   * New quotas and changes of {@code spec.hard}: the status writes of the ResourceQuota admission
   * (which charges creates) and of this controller are not a reason to recount. Recounting on them
   * would race the admission: a create is charged before it is stored, so a count taken in between
   * misses it and would undo the charge.
   */
  private static final EventPredicate<ResourceQuota> SPEC_CHANGES =
      new EventPredicate<>() {
        @Override
        public boolean onUpdate(ResourceQuota oldQuota, ResourceQuota newQuota) {
          return !Objects.equals(hard(oldQuota), hard(newQuota));
        }
      };

  /**
   * What releases usage, as kube-controller-manager's quota monitors: deletions and pods that end
   * (Succeeded or Failed pods no longer count). Creates were charged by the admission already.
   */
  private static final EventPredicate<Pod> POD_RELEASES =
      new EventPredicate<>() {
        @Override
        public boolean onAdd(Pod pod) {
          return false;
        }

        @Override
        public boolean onUpdate(Pod oldPod, Pod newPod) {
          return !Objects.equals(phase(oldPod), phase(newPod))
              && ("Succeeded".equals(phase(newPod)) || "Failed".equals(phase(newPod)));
        }
      };

  /** Deletions, and type changes (NodePorts and load balancers are counted by type). */
  private static final EventPredicate<Service> SERVICE_RELEASES =
      new EventPredicate<>() {
        @Override
        public boolean onAdd(Service service) {
          return false;
        }

        @Override
        public boolean onUpdate(Service oldService, Service newService) {
          return !Objects.equals(type(oldService), type(newService));
        }
      };

  private final KubeClient client;
  private final SharedInformer<ResourceQuota> quotas;
  private final SharedInformer<Pod> pods;
  private final SharedInformer<Service> services;
  private final Controller controller;

  public ResourceQuotaController(KubeClient client, InformerFactory informers, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.quotas = informers.informer(ResourceQuota.class);
    this.pods = informers.informer(Pod.class);
    this.services = informers.informer(Service.class);
    this.controller =
        Controller.builder("resourcequota", this::reconcile)
            .forResource(quotas, SPEC_CHANGES)
            .watches(pods, Mappers.<Pod>of(this::quotasOf), POD_RELEASES)
            .watches(services, Mappers.<Service>of(this::quotasOf), SERVICE_RELEASES)
            .clock(clock)
            .build();
  }

  /** Starts the controller and its informers. */
  public void start() {
    controller.start();
    quotas.start();
    pods.start();
    services.start();
  }

  /** Whether the informers have synced. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  @Override
  public void close() {
    controller.close();
  }

  private static Map<String, Quantity> hard(ResourceQuota q) {
    return q.spec() == null ? Map.of() : q.spec().hard();
  }

  private static String phase(Pod p) {
    return p.status() == null ? null : p.status().phase();
  }

  private static String type(Service s) {
    return s.spec() == null ? null : s.spec().type();
  }

  private Set<Request> quotasOf(KubernetesObject o) {
    String ns = o.metadata().namespace();
    return quotas.indexer().list(ns).stream().map(Request::of).collect(Collectors.toSet());
  }

  private Result reconcile(Request request) {
    Optional<ResourceQuota> found =
        quotas.indexer().get(new ObjectKey(request.namespace(), request.name()));
    if (found.isEmpty()) {
      return Result.done();
    }
    ResourceQuota quota = found.get();
    Map<String, Quantity> hard =
        quota.spec() == null ? Map.of() : new TreeMap<>(quota.spec().hard());
    Map<String, Quantity> used = new TreeMap<>();
    hard.keySet().forEach(k -> used.put(k, Quantity.ZERO));
    for (GroupResource gr : resources(hard.keySet())) {
      Optional<ResourceType> type = client.registry().byGroupResource(gr);
      if (type.isEmpty()) {
        continue;
      }
      client
          .generic(type.get())
          .inNamespace(request.namespace())
          .listAll(ListOptions.none())
          .forEach(
              o -> {
                JsonNode tree = KubeJson.toTree(o);
                QuotaUsage.of(gr, tree)
                    .forEach(
                        (k, v) -> {
                          if (used.containsKey(k)) {
                            used.merge(k, v, Quantity::add);
                          }
                        });
              });
    }
    ResourceQuotaStatus status = new ResourceQuotaStatus(hard, used);
    if (!status.equals(quota.status())) {
      try {
        client
            .resources(ResourceQuota.class)
            .inNamespace(request.namespace())
            .updateStatus(quota.withStatus(status));
      } catch (NotFoundException e) {
        return Result.done();
      }
    }
    return Result.requeueAfter(RESYNC);
  }

  /** The resources whose objects the quota names of {@code hard} count. */
  static Set<GroupResource> resources(Set<String> hard) {
    Set<GroupResource> out = new LinkedHashSet<>();
    for (String name : hard) {
      if (name.startsWith("count/")) {
        String r = name.substring("count/".length());
        int dot = r.indexOf('.');
        out.add(
            dot < 0
                ? GroupResource.of("", r)
                : GroupResource.of(r.substring(dot + 1), r.substring(0, dot)));
      } else if (name.equals("requests.storage")) {
        out.add(GroupResource.of("", "persistentvolumeclaims"));
      } else if (name.startsWith("services.")) {
        out.add(GroupResource.of("", "services"));
      } else if (COUNTED_KINDS.contains(name)) {
        out.add(GroupResource.of("", name));
      } else if (name.startsWith("requests.")
          || name.startsWith("limits.")
          || name.equals("cpu")
          || name.equals("memory")) {
        out.add(GroupResource.of("", "pods"));
      }
    }
    return out;
  }
}
