package dev.keelson.controllers.endpoints;

import dev.keelson.api.core.v1.EndpointAddress;
import dev.keelson.api.core.v1.EndpointPort;
import dev.keelson.api.core.v1.EndpointSubset;
import dev.keelson.api.core.v1.Endpoints;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.KubeEventRecorder;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.ControllerStats;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ApiErrors;
import dev.keelson.controllers.support.IpFamilies;
import dev.keelson.controllers.support.Pods;
import dev.keelson.controllers.support.TriggerTimeTracker;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Kubernetes' Endpoints controller: for every Service with a selector, an Endpoints object of the
 * same name whose subsets group the addresses of the selected pods by port set.
 *
 * <ul>
 *   <li>A pod counts when it has an IP, is not terminal and is not being deleted (terminating pods
 *       count only with {@code publishNotReadyAddresses}). Ready pods (or all, with {@code
 *       publishNotReadyAddresses}) go to {@code addresses}, the others to {@code
 *       notReadyAddresses}.
 *   <li>Each address carries the pod's IP of the Service's primary family, {@code nodeName}, a
 *       {@code targetRef} to the pod, and the pod's hostname when its {@code subdomain} names the
 *       Service.
 *   <li>Ports are resolved per pod: a named {@code targetPort} is looked up in the pod's container
 *       ports; a pod without it is left out of that port's subset.
 *   <li>The Endpoints carry the Service's labels (plus {@code service.kubernetes.io/headless} for
 *       headless Services) and the annotation {@code
 *       endpoints.kubernetes.io/last-change-trigger-time}; beyond 1000 addresses they are truncated
 *       (ready addresses first) and annotated {@code endpoints.kubernetes.io/over-capacity:
 *       truncated}.
 *   <li>Services without a selector are left alone; the Endpoints of a deleted Service are deleted.
 * </ul>
 *
 * <p>Writes only when the subsets, labels or capacity annotation differ from what is stored.
 */
public final class EndpointsController implements AutoCloseable {
  /** Annotation: when the change that the Endpoints reflect happened (RFC 3339, nanoseconds). */
  public static final String LAST_CHANGE_TRIGGER_TIME =
      "endpoints.kubernetes.io/last-change-trigger-time";

  /** Annotation set to {@value #TRUNCATED} on Endpoints cut to {@value #MAX_CAPACITY} addresses. */
  public static final String OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";

  /** The value of {@link #OVER_CAPACITY}. */
  public static final String TRUNCATED = "truncated";

  /** Label on the Endpoints (and slices) of headless Services. */
  public static final String HEADLESS = "service.kubernetes.io/headless";

  /** The most addresses one Endpoints object holds. */
  public static final int MAX_CAPACITY = 1000;

  private static final String LEADER_ANNOTATION = "control-plane.alpha.kubernetes.io/leader";

  private final KubeClient client;
  private final SharedInformer<Service> services;
  private final SharedInformer<Pod> pods;
  private final SharedInformer<Endpoints> endpoints;
  private final TriggerTimeTracker triggers = new TriggerTimeTracker();
  private final KubeEventRecorder events;
  private final Controller controller;

  /** An Endpoints controller on {@code informers} (shared with other controllers). */
  public EndpointsController(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, 4);
  }

  /** As above with {@code workers} concurrent reconciles (Kubernetes' default is 5). */
  public EndpointsController(
      KubeClient client, InformerFactory informers, Clock clock, int workers) {
    this.client = Objects.requireNonNull(client, "client");
    this.services = informers.informer(Service.class);
    this.pods = informers.informer(Pod.class);
    this.endpoints = informers.informer(Endpoints.class);
    this.events = KubeEventRecorder.builder(client, "endpoint-controller").clock(clock).build();
    this.controller =
        Controller.builder("endpoint", this::reconcile)
            .forResource(services)
            .watches(pods, Mappers.of(this::servicesOf))
            .watches(endpoints, Mappers.toSelf())
            .clock(clock)
            .workers(workers)
            .build();
  }

  /** Starts watching and reconciling (the informers start too). */
  public void start() {
    controller.start();
    services.start();
    pods.start();
    endpoints.start();
  }

  /** How the reconciles went so far. */
  public ControllerStats stats() {
    return controller.stats();
  }

  /** Whether the informers have synced and the workers run. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  /** Stops reconciling (the shared informers stay with their factory). */
  @Override
  public void close() {
    controller.close();
    events.close();
  }

  private Set<Request> servicesOf(Pod pod) {
    Set<Request> out = new HashSet<>();
    if (pod.metadata() == null) {
      return out;
    }
    for (Service s : services.indexer().list(pod.metadata().namespace())) {
      if (selects(s, pod)) {
        out.add(Request.of(s));
      }
    }
    return out;
  }

  private static boolean selects(Service s, Pod pod) {
    if (s.spec() == null || s.spec().selector().isEmpty()) {
      return false;
    }
    return Selector.matching(s.spec().selector()).matches(pod.metadata().labels());
  }

  private Result reconcile(Request r) {
    Service service = services.indexer().get(r.namespace(), r.name()).orElse(null);
    Endpoints current = endpoints.indexer().get(r.namespace(), r.name()).orElse(null);
    if (service == null) {
      triggers.forget(r.toString());
      if (current != null && current.metadata().annotation(LEADER_ANNOTATION) == null) {
        try {
          client.resources(Endpoints.class).inNamespace(r.namespace()).delete(r.name(), null);
        } catch (NotFoundException gone) {
          // already gone
        }
      }
      return Result.done();
    }
    if (service.spec() == null
        || service.spec().selector().isEmpty()
        || "ExternalName".equals(service.spec().type())) {
      return Result.done(); // endpoints of such services are someone else's
    }
    List<Pod> selected =
        pods.indexer().list(r.namespace(), Selector.matching(service.spec().selector()));
    Instant trigger = triggers.compute(r.toString(), service, selected);
    List<EndpointSubset> subsets = subsetsFor(service, selected);

    Map<String, String> labels = new LinkedHashMap<>(service.metadata().labels());
    if (!IpFamilies.hasClusterIp(service)) {
      labels.put(HEADLESS, "");
    }
    int total = count(subsets);
    if (current != null
        && current.subsets().equals(subsets)
        && current.metadata().labels().equals(labels)
        && (total <= MAX_CAPACITY) == (current.metadata().annotation(OVER_CAPACITY) == null)) {
      triggers.observed(r.toString(), service, selected);
      return Result.done();
    }
    Map<String, String> annotations =
        new LinkedHashMap<>(current == null ? Map.of() : current.metadata().annotations());
    if (trigger != null) {
      annotations.put(LAST_CHANGE_TRIGGER_TIME, DateTimeFormatter.ISO_INSTANT.format(trigger));
    } else {
      annotations.remove(LAST_CHANGE_TRIGGER_TIME);
    }
    if (total > MAX_CAPACITY) {
      subsets = truncate(subsets);
      annotations.put(OVER_CAPACITY, TRUNCATED);
    } else {
      annotations.remove(OVER_CAPACITY);
    }
    var api = client.resources(Endpoints.class).inNamespace(r.namespace());
    try {
      if (current == null) {
        ObjectMeta meta =
            ObjectMetaBuilder.builder()
                .name(r.name())
                .namespace(r.namespace())
                .labels(labels)
                .annotations(annotations)
                .build();
        api.create(new Endpoints(null, null, meta, subsets));
      } else {
        ObjectMeta meta = current.metadata().withLabels(labels).withAnnotations(annotations);
        api.update(new Endpoints(null, null, meta, subsets));
      }
      triggers.observed(r.toString(), service, selected);
    } catch (AlreadyExistsException | ConflictException e) {
      return Result.requeueWithBackoff(); // the cache lags behind our own write: try again
    } catch (ForbiddenException e) {
      if (current == null && ApiErrors.namespaceTerminating(e)) {
        return Result.done(); // as Kubernetes: the namespace is going, drop the work
      }
      events.warning(
          service,
          current == null ? "FailedToCreateEndpoint" : "FailedToUpdateEndpoint",
          (current == null
                  ? "Failed to create endpoint for service "
                  : "Failed to update endpoint ")
              + r
              + ": "
              + e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      events.warning(
          service,
          current == null ? "FailedToCreateEndpoint" : "FailedToUpdateEndpoint",
          (current == null
                  ? "Failed to create endpoint for service "
                  : "Failed to update endpoint ")
              + r
              + ": "
              + e.getMessage());
      throw e;
    }
    return Result.done();
  }

  /** The repacked subsets of {@code service} over {@code selected} pods. */
  static List<EndpointSubset> subsetsFor(Service service, List<Pod> selected) {
    boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
    Repacker repack = new Repacker();
    for (Pod pod : selected) {
      if (!Pods.shouldBeInEndpoints(pod, publishNotReady)) {
        continue;
      }
      String ip = addressFor(service, pod);
      if (ip == null) {
        continue; // no IP of the service's family
      }
      EndpointAddress address =
          new EndpointAddress(
              ip,
              Pods.shouldSetHostname(pod, service) ? pod.spec().hostname() : null,
              emptyToNull(pod.spec() == null ? null : pod.spec().nodeName()),
              new ObjectReference(
                  "Pod",
                  pod.metadata().namespace(),
                  pod.metadata().name(),
                  pod.metadata().uid(),
                  null,
                  null,
                  null));
      boolean ready = publishNotReady || Pods.isReady(pod);
      List<ServicePort> ports = service.spec().ports();
      if (ports.isEmpty()) {
        if (!IpFamilies.hasClusterIp(service)) {
          repack.add(List.of(), address, ready); // headless services may have no ports
        }
        continue;
      }
      for (ServicePort sp : ports) {
        OptionalInt port = Pods.findPort(pod, sp);
        if (port.isEmpty()) {
          continue;
        }
        EndpointPort ep =
            new EndpointPort(sp.name(), port.getAsInt(), sp.protocol(), sp.appProtocol());
        repack.add(List.of(ep), address, ready);
      }
    }
    return repack.subsets();
  }

  private static String addressFor(Service service, Pod pod) {
    List<String> ips = Pods.ips(pod);
    List<String> families = IpFamilies.ofService(service);
    if (families.isEmpty()) {
      return ips.get(0);
    }
    return IpFamilies.firstOf(ips, families.get(0));
  }

  private static int count(List<EndpointSubset> subsets) {
    int n = 0;
    for (EndpointSubset s : subsets) {
      n += s.addresses().size() + s.notReadyAddresses().size();
    }
    return n;
  }

  /**
   * Cuts the subsets to {@link #MAX_CAPACITY} addresses, ready ones first, each subset keeping its
   * share (rounded up) of what is kept, as Kubernetes' {@code truncateEndpoints}.
   */
  static List<EndpointSubset> truncate(List<EndpointSubset> subsets) {
    int ready = 0;
    int notReady = 0;
    for (EndpointSubset s : subsets) {
      ready += s.addresses().size();
      notReady += s.notReadyAddresses().size();
    }
    if (ready + notReady <= MAX_CAPACITY) {
      return subsets;
    }
    boolean cutReady = ready > MAX_CAPACITY;
    int max = cutReady ? MAX_CAPACITY : MAX_CAPACITY - ready;
    int total = cutReady ? ready : notReady;
    int left = max;
    List<EndpointSubset> out = new ArrayList<>();
    for (EndpointSubset s : subsets) {
      int in = cutReady ? s.addresses().size() : s.notReadyAddresses().size();
      int keep = (int) Math.ceil((double) in / total * max);
      keep = Math.min(keep, left);
      if (cutReady) {
        List<EndpointAddress> kept = s.addresses().subList(0, Math.min(keep, in));
        out.add(new EndpointSubset(kept, List.of(), s.ports()));
        left -= kept.size();
      } else {
        List<EndpointAddress> kept = s.notReadyAddresses().subList(0, Math.min(keep, in));
        out.add(new EndpointSubset(s.addresses(), kept, s.ports()));
        left -= kept.size();
      }
    }
    return out;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
