package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.errors.InternalErrorException;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.Times;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.allocation.AllocationBitmap;
import dev.keelson.apiserver.allocation.AllocationRange;
import dev.keelson.apiserver.allocation.IpRange;
import dev.keelson.apiserver.allocation.PortRange;
import dev.keelson.store.Compare;
import dev.keelson.store.KeyValue;
import dev.keelson.store.Op;
import dev.keelson.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Cluster IPs and node ports of Services, as kube-apiserver's service REST storage allocates them.
 *
 * <p>The allocation state is two RangeAllocation objects in the store ({@code
 * /registry/ranges/serviceips} and {@code /registry/ranges/servicenodeports}, kube-apiserver's keys
 * and format: the range and a bitmap). A write of a Service computes a {@link Plan} from the
 * current bitmaps and commits it in the same store transaction as the Service, guarded by the
 * bitmaps' mod revisions; a transaction that loses a race is recomputed. So two API servers on one
 * store never hand out one address twice, and nothing leaks when a write fails. (Kubernetes writes
 * the bitmap first and repairs leaks later; one transaction is stricter.) {@link #repair} rebuilds
 * both bitmaps from the stored Services at start-up.
 */
final class ServiceAllocations {
  static final byte[] IPS_KEY = "/registry/ranges/serviceips".getBytes(StandardCharsets.UTF_8);
  static final byte[] PORTS_KEY =
      "/registry/ranges/servicenodeports".getBytes(StandardCharsets.UTF_8);

  private static final GroupVersionKind SERVICE = new GroupVersionKind("", "v1", "Service");

  private final Store store;
  private final IpRange ips;
  private final PortRange ports;
  private final InstantSource clock;
  private final RandomGenerator random = new SecureRandom();

  /** Serialises this server's allocations; the store's compare-and-set guards across servers. */
  private final ReentrantLock lock = new ReentrantLock();

  ServiceAllocations(Store store, IpRange ips, PortRange ports, InstantSource clock) {
    this.store = store;
    this.ips = ips;
    this.ports = ports;
    this.clock = clock;
  }

  IpRange ipRange() {
    return ips;
  }

  PortRange portRange() {
    return ports;
  }

  ReentrantLock lock() {
    return lock;
  }

  /** The store operations that record a Service write's allocations, and what they assume. */
  record Plan(List<Compare> compares, List<Op> ops) {
    static final Plan NONE = new Plan(List.of(), List.of());
  }

  // ---------------------------------------------------------------- defaulting

  /**
   * Fills the IP family fields as kube-apiserver does for a single-stack IPv4 cluster, copies
   * allocated values an update left out, and drops the fields a type change makes meaningless. Runs
   * before validation.
   */
  void prepare(ObjectNode old, ObjectNode svc) {
    ObjectNode spec = spec(svc);
    mirrorClusterIps(spec);
    if (old != null) {
      patchAllocatedValues(spec(old), spec);
      dropTypeDependentFields(spec(old), spec);
      mirrorClusterIps(spec);
    }
    if (type(spec).equals("ExternalName")) {
      return;
    }
    boolean headless = "None".equals(spec.path("clusterIP").asText());
    boolean selectorless = spec.path("selector").isEmpty();
    if (!spec.hasNonNull("ipFamilyPolicy")) {
      JsonNode oldPolicy = old == null ? null : spec(old).get("ipFamilyPolicy");
      if (oldPolicy != null && oldPolicy.isTextual()) {
        spec.set("ipFamilyPolicy", oldPolicy);
      } else {
        spec.put("ipFamilyPolicy", headless && selectorless ? "RequireDualStack" : "SingleStack");
      }
    }
    String policy = spec.path("ipFamilyPolicy").asText();
    JsonNode families = spec.get("ipFamilies");
    if (families == null || !families.isArray() || families.isEmpty()) {
      ArrayNode f = spec.putArray("ipFamilies").add("IPv4");
      if (headless && selectorless && !policy.equals("SingleStack")) {
        f.add("IPv6"); // headless, selectorless services take both families, as Kubernetes
      }
    }
    if (headless && selectorless) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    if (policy.equals("RequireDualStack")) {
      errors.add(
          FieldError.invalid(
              "spec.ipFamilyPolicy",
              policy,
              "this cluster is not configured for dual-stack services"));
    }
    JsonNode fams = spec.get("ipFamilies");
    for (int i = 0; i < fams.size(); i++) {
      String family = fams.get(i).asText();
      if (!family.equals("IPv4")) {
        errors.add(
            FieldError.invalid(
                "spec.ipFamilies[" + i + "]", family, "not configured on this cluster"));
      }
    }
    JsonNode clusterIps = spec.path("clusterIPs");
    for (int i = 0; i < clusterIps.size(); i++) {
      String v = clusterIps.get(i).asText();
      if (v.equals("None") || v.isEmpty()) {
        continue;
      }
      if (IpRange.parseIp(v) < 0) {
        errors.add(
            FieldError.invalid(
                "spec.clusterIPs[" + i + "]",
                v,
                v.contains(":")
                    ? "IPv6 is not configured on this cluster"
                    : "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidException.of(SERVICE, name(svc), errors);
    }
  }

  /** v1 defaulting: clusterIP and clusterIPs[0] mirror each other. */
  private static void mirrorClusterIps(ObjectNode spec) {
    String ip = spec.path("clusterIP").asText("");
    JsonNode list = spec.get("clusterIPs");
    if (ip.isEmpty() && list != null && list.isArray() && !list.isEmpty()) {
      spec.put("clusterIP", list.get(0).asText());
    } else if (!ip.isEmpty() && (list == null || !list.isArray() || list.isEmpty())) {
      spec.putArray("clusterIPs").add(ip);
    }
  }

  /** An update that leaves out allocated values keeps them (kube-apiserver's PrepareForUpdate). */
  private static void patchAllocatedValues(ObjectNode old, ObjectNode spec) {
    if (!type(old).equals("ExternalName") && !type(spec).equals("ExternalName")) {
      if (spec.path("clusterIP").asText("").isEmpty() && old.has("clusterIP")) {
        spec.set("clusterIP", old.get("clusterIP"));
      }
      if (spec.path("clusterIPs").isEmpty() && old.has("clusterIPs")) {
        spec.set("clusterIPs", old.get("clusterIPs").deepCopy());
      }
    }
    if (needsNodePorts(old) && needsNodePorts(spec)) {
      Map<String, JsonNode> byPort = new HashMap<>();
      for (JsonNode p : old.path("ports")) {
        if (p.path("nodePort").asInt(0) != 0) {
          byPort.putIfAbsent(portKey(p), p.get("nodePort"));
        }
      }
      for (JsonNode p : spec.path("ports")) {
        if (p instanceof ObjectNode port && port.path("nodePort").asInt(0) == 0) {
          JsonNode np = byPort.get(portKey(port));
          if (np != null) {
            port.set("nodePort", np);
          }
        }
      }
    }
    if (needsHealthCheck(old)
        && needsHealthCheck(spec)
        && spec.path("healthCheckNodePort").asInt(0) == 0
        && old.has("healthCheckNodePort")) {
      spec.set("healthCheckNodePort", old.get("healthCheckNodePort"));
    }
  }

  /** A type change clears what the new type does not use, if the client left it unchanged. */
  private static void dropTypeDependentFields(ObjectNode old, ObjectNode spec) {
    if (type(spec).equals("ExternalName") && !type(old).equals("ExternalName")) {
      for (String f : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
        if (spec.path(f).equals(old.path(f))) {
          spec.remove(f);
        }
      }
    }
    if (!needsNodePorts(spec) && needsNodePorts(old)) {
      JsonNode before = old.path("ports");
      JsonNode now = spec.path("ports");
      boolean unchanged = true;
      for (int i = 0; i < now.size(); i++) {
        int np = now.get(i).path("nodePort").asInt(0);
        if (np != 0 && (i >= before.size() || before.get(i).path("nodePort").asInt(0) != np)) {
          unchanged = false;
        }
      }
      if (unchanged) {
        for (JsonNode p : now) {
          if (p instanceof ObjectNode port) {
            port.remove("nodePort");
          }
        }
      }
    }
    if (!needsHealthCheck(spec)
        && spec.path("healthCheckNodePort").equals(old.path("healthCheckNodePort"))) {
      spec.remove("healthCheckNodePort");
    }
  }

  // ---------------------------------------------------------------- allocation

  /**
   * Allocates what {@code next} needs and releases what {@code old} held and {@code next} does not;
   * fills the allocated cluster IP and node ports into {@code next}. {@code old} is null on create,
   * {@code next} null on delete. Call with {@link #lock()} held; commit the plan's operations in
   * the same transaction as the Service write, or drop the plan.
   */
  Plan plan(ObjectNode old, ObjectNode next) {
    Bitmap ipMap = read(IPS_KEY, ips);
    Bitmap portMap = read(PORTS_KEY, ports);
    boolean ipChanged = planIp(old == null ? null : spec(old), next, ipMap.bitmap);
    boolean portChanged = planPorts(old == null ? null : spec(old), next, portMap.bitmap);
    List<Compare> compares = new ArrayList<>();
    List<Op> ops = new ArrayList<>();
    if (ipChanged) {
      compares.add(ipMap.guard());
      ops.add(Op.put(IPS_KEY, encode(ipMap)));
    }
    if (portChanged) {
      compares.add(portMap.guard());
      ops.add(Op.put(PORTS_KEY, encode(portMap)));
    }
    return compares.isEmpty() ? Plan.NONE : new Plan(compares, ops);
  }

  private boolean planIp(ObjectNode old, ObjectNode next, AllocationBitmap bitmap) {
    int held = old == null ? -1 : heldIp(old);
    int wanted = -1;
    boolean changed = false;
    if (next != null) {
      ObjectNode spec = spec(next);
      String ip = spec.path("clusterIP").asText("");
      if (!type(spec).equals("ExternalName") && !ip.equals("None")) {
        if (ip.isEmpty()) {
          wanted = bitmap.allocateNext(random);
          if (wanted < 0) {
            throw InternalErrorException.of("failed to allocate a serviceIP: range is full");
          }
          changed = true;
          String address = ips.addressAt(wanted);
          spec.put("clusterIP", address);
          spec.putArray("clusterIPs").add(address);
        } else {
          wanted = ips.offsetOf(ip);
          if (wanted < 0 || wanted != held) {
            String problem =
                wanted < 0
                    ? "provided IP is not in the valid range. The range of valid IPs is "
                        + ips.cidr()
                    : bitmap.allocate(wanted) ? null : "provided IP is already allocated";
            if (problem != null) {
              List<String> shown = new ArrayList<>();
              spec.path("clusterIPs").forEach(n -> shown.add(n.asText()));
              throw InvalidException.of(
                  SERVICE,
                  name(next),
                  List.of(
                      FieldError.invalid(
                          "spec.clusterIPs",
                          shown,
                          "failed to allocate IP " + ip + ": " + problem)));
            }
            changed = true;
          }
        }
      }
    }
    if (held >= 0 && held != wanted) {
      bitmap.release(held);
      changed = true;
    }
    return changed;
  }

  private boolean planPorts(ObjectNode old, ObjectNode next, AllocationBitmap bitmap) {
    Set<Integer> held = old == null ? Set.of() : heldPorts(old);
    Set<Integer> kept = new LinkedHashSet<>();
    boolean changed = false;
    if (next != null) {
      ObjectNode spec = spec(next);
      String name = name(next);
      if (needsNodePorts(spec)) {
        boolean allocate =
            !spec.path("allocateLoadBalancerNodePorts").asText("true").equals("false")
                || type(spec).equals("NodePort");
        // Requested node ports first (the health check's too), then the unspecified ones, so an
        // allocated port never takes one that a later port of the same Service asks for. A port
        // without one shares the node port of another port with the same number, as Kubernetes.
        Map<Integer, Integer> byServicePort = new HashMap<>();
        JsonNode list = spec.path("ports");
        for (int i = 0; i < list.size(); i++) {
          int np = list.get(i).path("nodePort").asInt(0);
          if (np != 0 && list.get(i) instanceof ObjectNode) {
            if (!held.contains(np) && !kept.contains(np)) {
              changed |= requestPort(bitmap, np, "spec.ports[" + i + "].nodePort", name, false);
            }
            kept.add(np);
            byServicePort.putIfAbsent(list.get(i).path("port").asInt(0), np);
          }
        }
        int requestedHc = needsHealthCheck(spec) ? spec.path("healthCheckNodePort").asInt(0) : 0;
        if (requestedHc != 0) {
          if (!held.contains(requestedHc) && !kept.contains(requestedHc)) {
            changed |= requestPort(bitmap, requestedHc, "spec.healthCheckNodePort", name, true);
          }
          kept.add(requestedHc);
        }
        for (int i = 0; allocate && i < list.size(); i++) {
          if (!(list.get(i) instanceof ObjectNode port) || port.path("nodePort").asInt(0) != 0) {
            continue;
          }
          int servicePort = port.path("port").asInt(0);
          Integer same = byServicePort.get(servicePort);
          int np;
          if (same != null) {
            np = same;
          } else {
            int offset = bitmap.allocateNext(random);
            if (offset < 0) {
              throw InternalErrorException.of("failed to allocate a nodePort: range is full");
            }
            np = ports.base() + offset;
            changed = true;
          }
          port.put("nodePort", np);
          kept.add(np);
          byServicePort.putIfAbsent(servicePort, np);
        }
      }
      if (needsHealthCheck(spec) && spec.path("healthCheckNodePort").asInt(0) == 0) {
        int offset = bitmap.allocateNext(random);
        if (offset < 0) {
          throw InternalErrorException.of(
              "failed to allocate a HealthCheck NodePort 0: range is full");
        }
        int hc = ports.base() + offset;
        spec.put("healthCheckNodePort", hc);
        changed = true;
        kept.add(hc);
      }
    }
    for (int p : held) {
      if (!kept.contains(p)) {
        bitmap.release(ports.offsetOf(p));
        changed = true;
      }
    }
    return changed;
  }

  private boolean requestPort(
      AllocationBitmap bitmap, int port, String field, String name, boolean healthCheck) {
    int offset = ports.offsetOf(port);
    String problem =
        offset < 0
            ? "provided port is not in the valid range. The range of valid ports is " + ports.text()
            : bitmap.allocate(offset) ? null : "provided port is already allocated";
    if (problem == null) {
      return true;
    }
    if (healthCheck) {
      throw InternalErrorException.of(
          "failed to allocate requested HealthCheck NodePort " + port + ": " + problem);
    }
    throw InvalidException.of(SERVICE, name, List.of(FieldError.invalid(field, port, problem)));
  }

  /** The offset of the cluster IP {@code spec} holds in this range, or -1. */
  private int heldIp(ObjectNode spec) {
    if (type(spec).equals("ExternalName")) {
      return -1;
    }
    return ips.offsetOf(spec.path("clusterIP").asText(""));
  }

  /** The node ports {@code spec} holds in this range (service ports and health check). */
  private Set<Integer> heldPorts(ObjectNode spec) {
    Set<Integer> held = new LinkedHashSet<>();
    for (JsonNode p : spec.path("ports")) {
      int np = p.path("nodePort").asInt(0);
      if (np != 0 && ports.offsetOf(np) >= 0) {
        held.add(np);
      }
    }
    int hc = spec.path("healthCheckNodePort").asInt(0);
    if (hc != 0 && ports.offsetOf(hc) >= 0) {
      held.add(hc);
    }
    return held;
  }

  // ---------------------------------------------------------------- repair

  /**
   * Rebuilds both bitmaps from the stored Services (kube-apiserver's repair controllers), and
   * writes them if they differ, guarded against concurrent allocations. Services whose addresses
   * collide or lie outside the configured ranges keep them but are reported in the result.
   */
  List<String> repair(byte[] servicesPrefix) {
    lock.lock();
    try {
      for (int attempt = 0; ; attempt++) {
        Bitmap ipMap = read(IPS_KEY, ips);
        Bitmap portMap = read(PORTS_KEY, ports);
        List<String> problems = new ArrayList<>();
        AllocationBitmap ipBits = AllocationBitmap.empty(ips);
        AllocationBitmap portBits = AllocationBitmap.empty(ports);
        byte[] from = servicesPrefix;
        long revision = 0;
        while (true) {
          var req = dev.keelson.store.RangeRequest.prefix(servicesPrefix).withLimit(500);
          if (from != servicesPrefix) {
            req = req.startAfter(from);
          }
          if (revision != 0) {
            req = req.atRevision(revision);
          }
          var page = store.range(req);
          revision = page.revision();
          for (KeyValue kv : page.kvs()) {
            ObjectNode svc = StoredObjects.read(kv);
            ObjectNode spec = spec(svc);
            String who = kv.keyString();
            if (!type(spec).equals("ExternalName")) {
              String ip = spec.path("clusterIP").asText("");
              if (!ip.isEmpty() && !ip.equals("None")) {
                int o = ips.offsetOf(ip);
                if (o < 0) {
                  problems.add(who + ": cluster IP " + ip + " is not within " + ips.cidr());
                } else if (!ipBits.allocate(o)) {
                  problems.add(who + ": cluster IP " + ip + " is allocated to another service");
                }
              }
            }
            for (int np : heldPortsOrAll(spec, problems, who)) {
              if (!portBits.allocate(ports.offsetOf(np))) {
                problems.add(who + ": node port " + np + " is allocated to another service");
              }
            }
          }
          if (!page.more() || page.kvs().isEmpty()) {
            break;
          }
          from = page.kvs().get(page.kvs().size() - 1).key();
        }
        List<Compare> compares = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        if (ipMap.needsWrite(ipBits)) {
          compares.add(ipMap.guard());
          ops.add(Op.put(IPS_KEY, encode(new Bitmap(ipBits, ipMap.kv))));
        }
        if (portMap.needsWrite(portBits)) {
          compares.add(portMap.guard());
          ops.add(Op.put(PORTS_KEY, encode(new Bitmap(portBits, portMap.kv))));
        }
        if (ops.isEmpty()
            || store
                .txn(
                    dev.keelson.store.Txn.when(compares.toArray(Compare[]::new))
                        .then(ops.toArray(Op[]::new)))
                .succeeded()) {
          return problems;
        }
        if (attempt > 100) {
          throw new IllegalStateException("could not repair the service allocation ranges");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private Set<Integer> heldPortsOrAll(ObjectNode spec, List<String> problems, String who) {
    for (JsonNode p : spec.path("ports")) {
      int np = p.path("nodePort").asInt(0);
      if (np != 0 && ports.offsetOf(np) < 0) {
        problems.add(who + ": node port " + np + " is not within " + ports.text());
      }
    }
    return heldPorts(spec);
  }

  // ---------------------------------------------------------------- stored form

  /** A bitmap as read from the store, with the key-value it came from (absent: none yet). */
  private record Bitmap(AllocationBitmap bitmap, Optional<KeyValue> kv) {
    Compare guard() {
      byte[] key = bitmap.range() instanceof IpRange ? IPS_KEY : PORTS_KEY;
      return kv.map(k -> Compare.modRevisionEquals(key, k.modRevision()))
          .orElseGet(() -> Compare.absent(key));
    }

    boolean needsWrite(AllocationBitmap rebuilt) {
      return kv.isEmpty()
          || !java.util.Arrays.equals(rebuilt.toBytes(), bitmap.toBytes())
          || !rangeOf(kv.get()).equals(rebuilt.range().text());
    }
  }

  private Bitmap read(byte[] key, AllocationRange range) {
    Optional<KeyValue> kv = store.get(key);
    if (kv.isEmpty() || !rangeOf(kv.get()).equals(range.text())) {
      // None yet, or written for another range: start empty (repair fills it from the Services).
      return new Bitmap(AllocationBitmap.empty(range), kv);
    }
    byte[] data =
        Base64.getDecoder().decode(KubeJson.parse(kv.get().value()).path("data").asText(""));
    return new Bitmap(AllocationBitmap.fromBytes(range, data), kv);
  }

  private static String rangeOf(KeyValue kv) {
    try {
      return KubeJson.parse(kv.value()).path("range").asText("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** A RangeAllocation as kube-apiserver stores it. */
  private byte[] encode(Bitmap b) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("kind", "RangeAllocation").put("apiVersion", "v1");
    ObjectNode m = o.putObject("metadata");
    String created =
        b.kv
            .map(
                kv ->
                    KubeJson.parse(kv.value())
                        .path("metadata")
                        .path("creationTimestamp")
                        .asText(""))
            .filter(s -> !s.isEmpty())
            .orElseGet(() -> Times.format(clock.instant()));
    m.put("creationTimestamp", created);
    o.put("range", b.bitmap.range().text());
    o.put("data", Base64.getEncoder().encodeToString(b.bitmap.toBytes()));
    return KubeJson.encode(o);
  }

  // ---------------------------------------------------------------- helpers

  private static ObjectNode spec(ObjectNode svc) {
    JsonNode s = svc.get("spec");
    return s instanceof ObjectNode o ? o : svc.putObject("spec");
  }

  private static String name(ObjectNode svc) {
    return svc.path("metadata").path("name").asText("");
  }

  private static String type(ObjectNode spec) {
    String t = spec.path("type").asText("");
    return t.isEmpty() ? "ClusterIP" : t;
  }

  private static boolean needsNodePorts(ObjectNode spec) {
    String t = type(spec);
    return t.equals("NodePort") || t.equals("LoadBalancer");
  }

  private static boolean needsHealthCheck(ObjectNode spec) {
    return type(spec).equals("LoadBalancer")
        && spec.path("externalTrafficPolicy").asText("").equals("Local");
  }

  private static String portKey(JsonNode port) {
    return port.path("port").asInt(0) + "/" + port.path("protocol").asText("TCP");
  }
}
