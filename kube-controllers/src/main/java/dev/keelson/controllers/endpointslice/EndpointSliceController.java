package dev.keelson.controllers.endpointslice;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.ObjectReference;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.core.v1.ServicePort;
import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointConditions;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.selector.Selector;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.reconcile.Mappers;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.endpoints.EndpointsController;
import dev.keelson.controllers.support.ControllerRefs;
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
 * Kubernetes' EndpointSlice controller: for every Service with a selector, EndpointSlices labelled
 * {@code kubernetes.io/service-name=<service>} and {@code
 * endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io}, controlled by the
 * Service.
 *
 * <ul>
 *   <li>Every pod with an IP that is not terminal is an endpoint (terminating ones too), with
 *       conditions as Kubernetes sets them: {@code serving} = the pod is Ready, {@code terminating}
 *       = it is being deleted, {@code ready} = serving and not terminating (always true with {@code
 *       publishNotReadyAddresses}).
 *   <li>One address type per slice (IPv4 or IPv6, the Service's families; both for a headless
 *       Service without families), each endpoint with the pod's IP of that type, its {@code
 *       nodeName}, the node's {@code topology.kubernetes.io/zone}, a {@code targetRef} and the
 *       pod's hostname when its subdomain names the Service.
 *   <li>Ports are resolved per pod; endpoints with the same ports share slices of at most {@code
 *       maxEndpointsPerSlice} (default 100).
 *   <li>Updates keep churn low (see {@link SlicePlanner}); a Service without endpoints keeps one
 *       empty placeholder slice.
 * </ul>
 */
public final class EndpointSliceController implements AutoCloseable {
  /** Label naming the Service of a slice. */
  public static final String SERVICE_NAME = "kubernetes.io/service-name";

  /** Label naming the controller that manages a slice. */
  public static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";

  /** This controller's value of {@link #MANAGED_BY}. */
  public static final String CONTROLLER_NAME = "endpointslice-controller.k8s.io";

  /** The node label giving an endpoint's zone. */
  public static final String ZONE = "topology.kubernetes.io/zone";

  /** Kubernetes' default of {@code --max-endpoints-per-slice}. */
  public static final int DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

  private final KubeClient client;
  private final int maxEndpointsPerSlice;
  private final SharedInformer<Service> services;
  private final SharedInformer<Pod> pods;
  private final SharedInformer<Node> nodes;
  private final SharedInformer<EndpointSlice> slices;
  private final TriggerTimeTracker triggers = new TriggerTimeTracker();
  private final SliceTracker tracker = new SliceTracker();
  private final Controller controller;

  /** A controller with 100 endpoints per slice. */
  public EndpointSliceController(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, DEFAULT_MAX_ENDPOINTS_PER_SLICE, 4);
  }

  /** A controller with at most {@code maxEndpointsPerSlice} endpoints per slice. */
  public EndpointSliceController(
      KubeClient client,
      InformerFactory informers,
      Clock clock,
      int maxEndpointsPerSlice,
      int workers) {
    if (maxEndpointsPerSlice < 1 || maxEndpointsPerSlice > 1000) {
      throw new IllegalArgumentException(
          "maxEndpointsPerSlice must be in 1..1000: " + maxEndpointsPerSlice);
    }
    this.client = Objects.requireNonNull(client, "client");
    this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    this.services = informers.informer(Service.class);
    this.pods = informers.informer(Pod.class);
    this.nodes = informers.informer(Node.class);
    this.slices = informers.informer(EndpointSlice.class);
    this.controller =
        Controller.builder("endpointslice", this::reconcile)
            .forResource(services)
            .watches(pods, Mappers.of(this::servicesOf))
            .watches(slices, Mappers.of(EndpointSliceController::serviceOf))
            .watches(nodes, Mappers.of(n -> Set.of())) // zones are read from the cache
            .clock(clock)
            .workers(workers)
            .build();
  }

  /** Starts watching and reconciling (the informers start too). */
  public void start() {
    controller.start();
    services.start();
    pods.start();
    nodes.start();
    slices.start();
  }

  /** Whether the informers have synced and the workers run. */
  public boolean hasSynced() {
    return controller.hasSynced();
  }

  /** Stops reconciling (the shared informers stay with their factory). */
  @Override
  public void close() {
    controller.close();
  }

  private static Set<Request> serviceOf(EndpointSlice slice) {
    ObjectMeta m = slice.metadata();
    if (m == null
        || !CONTROLLER_NAME.equals(m.label(MANAGED_BY))
        || m.label(SERVICE_NAME) == null) {
      return Set.of();
    }
    return Set.of(Request.of(m.namespace(), m.label(SERVICE_NAME)));
  }

  private Set<Request> servicesOf(Pod pod) {
    Set<Request> out = new HashSet<>();
    if (pod.metadata() == null) {
      return out;
    }
    for (Service s : services.indexer().list(pod.metadata().namespace())) {
      if (s.spec() != null
          && !s.spec().selector().isEmpty()
          && Selector.matching(s.spec().selector()).matches(pod.metadata().labels())) {
        out.add(Request.of(s));
      }
    }
    return out;
  }

  private List<EndpointSlice> ownSlices(Request r) {
    return slices
        .indexer()
        .list(
            r.namespace(),
            Selector.matching(Map.of(SERVICE_NAME, r.name(), MANAGED_BY, CONTROLLER_NAME)));
  }

  private Result reconcile(Request r) {
    String key = r.toString();
    Service service = services.indexer().get(r.namespace(), r.name()).orElse(null);
    // Read before the slices: the cache reflects at least this version when they are listed.
    long cacheRevision = SliceTracker.rv(slices.lastSyncResourceVersion());
    List<EndpointSlice> existing = ownSlices(r);
    if (!tracker.upToDate(key, existing, cacheRevision)) {
      return Result.done(); // our own writes are not in the cache yet; their events queue us again
    }
    var api = client.resources(EndpointSlice.class).inNamespace(r.namespace());
    if (service == null || service.spec() == null || "ExternalName".equals(service.spec().type())) {
      // the garbage collector removes owned slices too; do not wait for it
      triggers.forget(key);
      for (EndpointSlice s : existing) {
        delete(api, key, s);
      }
      return Result.done();
    }
    if (service.spec().selector().isEmpty()) {
      return Result.done(); // slices of selector-less Services are someone else's
    }
    List<Pod> selected =
        pods.indexer().list(r.namespace(), Selector.matching(service.spec().selector()));
    Instant trigger = triggers.compute(key, service, selected);
    List<String> addressTypes = IpFamilies.ofService(service);
    if (addressTypes.isEmpty()) {
      addressTypes = List.of(IpFamilies.IPV4, IpFamilies.IPV6);
    }
    Map<String, SlicePlanner.Group> desired = desired(service, selected, addressTypes);
    Map<String, String> labels = labels(service);
    SlicePlan plan =
        SlicePlanner.plan(
            desired,
            existing,
            maxEndpointsPerSlice,
            addressTypes.get(0),
            (type, ports, eps) -> newSlice(service, labels, type, ports, eps),
            (slice, meta) -> relabel(meta, labels));
    if (plan.isEmpty()) {
      triggers.observed(key, service, selected);
      return Result.done();
    }
    try {
      for (EndpointSlice s : plan.create()) {
        tracker.wrote(key, api.create(annotate(s, trigger)));
      }
      for (EndpointSlice s : plan.update()) {
        tracker.wrote(key, api.update(annotate(s, trigger)));
      }
      for (EndpointSlice s : plan.delete()) {
        delete(api, key, s);
      }
      triggers.observed(key, service, selected);
    } catch (ConflictException e) {
      return Result.requeueWithBackoff(); // someone else wrote a slice; plan again
    }
    return Result.done();
  }

  private void delete(
      dev.keelson.client.Resources<EndpointSlice> api, String key, EndpointSlice s) {
    try {
      api.delete(s.metadata().name(), null);
    } catch (NotFoundException gone) {
      // fine
    }
    tracker.deleted(key, s);
  }

  private Map<String, SlicePlanner.Group> desired(
      Service service, List<Pod> selected, List<String> addressTypes) {
    boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
    Map<String, SlicePlanner.Group> groups = new LinkedHashMap<>();
    for (Pod pod : selected) {
      if (!Pods.shouldBeInEndpoints(pod, true)) {
        continue;
      }
      List<EndpointPort> ports = new ArrayList<>();
      for (ServicePort sp : service.spec().ports()) {
        OptionalInt port = Pods.findPort(pod, sp);
        if (port.isPresent()) {
          ports.add(new EndpointPort(sp.name(), sp.protocol(), port.getAsInt(), sp.appProtocol()));
        }
      }
      List<String> ips = Pods.ips(pod);
      for (String type : addressTypes) {
        String ip = IpFamilies.firstOf(ips, type);
        if (ip == null) {
          continue;
        }
        Endpoint ep = endpoint(service, pod, ip, publishNotReady);
        String gk = SlicePlanner.key(type, ports);
        groups
            .computeIfAbsent(gk, k -> new SlicePlanner.Group(type, ports, new LinkedHashMap<>()))
            .endpoints()
            .put(SlicePlanner.endpointKey(ep), ep);
      }
    }
    return groups;
  }

  private Endpoint endpoint(Service service, Pod pod, String ip, boolean publishNotReady) {
    boolean serving = Pods.isReady(pod);
    boolean terminating = Pods.isTerminating(pod);
    boolean ready = publishNotReady || (serving && !terminating);
    String nodeName = pod.spec() == null ? null : pod.spec().nodeName();
    if (nodeName != null && nodeName.isEmpty()) {
      nodeName = null;
    }
    String zone = null;
    if (nodeName != null) {
      zone = nodes.indexer().get("", nodeName).map(n -> n.metadata().label(ZONE)).orElse(null);
    }
    return new Endpoint(
        List.of(ip),
        new EndpointConditions(ready, serving, terminating),
        Pods.shouldSetHostname(pod, service) ? pod.spec().hostname() : null,
        new ObjectReference(
            "Pod",
            pod.metadata().namespace(),
            pod.metadata().name(),
            pod.metadata().uid(),
            null,
            null,
            null),
        null,
        nodeName,
        zone,
        null);
  }

  private static Map<String, String> labels(Service service) {
    Map<String, String> labels = new LinkedHashMap<>(service.metadata().labels());
    labels.remove(EndpointsController.HEADLESS);
    labels.put(SERVICE_NAME, service.metadata().name());
    labels.put(MANAGED_BY, CONTROLLER_NAME);
    if (!IpFamilies.hasClusterIp(service)) {
      labels.put(EndpointsController.HEADLESS, "");
    }
    return labels;
  }

  private static ObjectMeta relabel(ObjectMeta meta, Map<String, String> labels) {
    return meta.labels().equals(labels) ? meta : meta.withLabels(labels);
  }

  private static EndpointSlice newSlice(
      Service service,
      Map<String, String> labels,
      String addressType,
      List<EndpointPort> ports,
      List<Endpoint> endpoints) {
    ObjectMeta meta =
        ObjectMetaBuilder.builder()
            .generateName(service.metadata().name() + "-")
            .namespace(service.metadata().namespace())
            .labels(labels)
            .ownerReferences(List.of(ControllerRefs.of(service)))
            .build();
    return new EndpointSlice(null, null, meta, addressType, endpoints, ports);
  }

  private static EndpointSlice annotate(EndpointSlice s, Instant trigger) {
    Map<String, String> annotations = new LinkedHashMap<>(s.metadata().annotations());
    if (trigger != null) {
      annotations.put(
          EndpointsController.LAST_CHANGE_TRIGGER_TIME,
          DateTimeFormatter.ISO_INSTANT.format(trigger));
    } else {
      annotations.remove(EndpointsController.LAST_CHANGE_TRIGGER_TIME);
    }
    return s.withMetadata(s.metadata().withAnnotations(annotations));
  }
}
