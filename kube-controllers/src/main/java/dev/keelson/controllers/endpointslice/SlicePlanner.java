package dev.keelson.controllers.endpointslice;

import dev.keelson.api.discovery.v1.Endpoint;
import dev.keelson.api.discovery.v1.EndpointPort;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Plans the slice writes for one Service as Kubernetes' EndpointSlice reconciler does, keeping
 * churn low:
 *
 * <ol>
 *   <li>Endpoints are grouped by address type and port set; each slice belongs to one group.
 *   <li>An existing slice keeps the endpoints still wanted (updated in place when they changed) and
 *       drops the others; a slice of a group no longer wanted, or left empty, is deleted.
 *   <li>New endpoints go first into the slices being updated anyway, then, when they all fit, into
 *       the fullest unchanged slice with room, and only then into new slices of at most {@code max}
 *       endpoints.
 *   <li>A slice to create and a slice to delete of the same address type become one update.
 *   <li>A Service without endpoints keeps one placeholder slice (no endpoints, no ports).
 * </ol>
 */
final class SlicePlanner {
  private SlicePlanner() {}

  /** The endpoints wanted for one (address type, port set). */
  record Group(String addressType, List<EndpointPort> ports, Map<String, Endpoint> endpoints) {}

  /**
   * The plan.
   *
   * @param desired groups by {@link #key}; their endpoint maps are keyed by {@link #endpointKey}
   * @param existing the Service's slices now
   * @param max endpoints per slice
   * @param placeholderType the address type of the placeholder slice
   * @param newSlice makes a slice to create from (address type, ports, endpoints)
   * @param relabel the metadata an existing slice should have (labels), or the same object
   */
  static SlicePlan plan(
      Map<String, Group> desired,
      List<EndpointSlice> existing,
      int max,
      String placeholderType,
      NewSlice newSlice,
      BiFunction<EndpointSlice, ObjectMeta, ObjectMeta> relabel) {
    Map<String, Map<String, Endpoint>> remaining = new LinkedHashMap<>();
    desired.forEach((k, g) -> remaining.put(k, new LinkedHashMap<>(g.endpoints())));
    List<EndpointSlice> delete = new ArrayList<>();
    Map<String, EndpointSlice> update = new LinkedHashMap<>(); // by name
    List<EndpointSlice> unchanged = new ArrayList<>();

    for (EndpointSlice slice : existing) {
      String key = key(slice.addressType(), slice.ports());
      Map<String, Endpoint> want = remaining.get(key);
      if (want == null) {
        delete.add(slice);
        continue;
      }
      List<Endpoint> kept = new ArrayList<>();
      boolean changed = false;
      for (Endpoint ep : slice.endpoints()) {
        Endpoint w = want.remove(endpointKey(ep));
        if (w == null) {
          changed = true;
          continue;
        }
        changed |= !w.equals(ep);
        kept.add(w);
      }
      ObjectMeta meta = relabel.apply(slice, slice.metadata());
      if (kept.isEmpty()) {
        delete.add(slice);
      } else if (changed || !meta.equals(slice.metadata())) {
        update.put(slice.metadata().name(), slice.withMetadata(meta).withEndpoints(kept));
      } else {
        unchanged.add(slice);
      }
    }

    List<EndpointSlice> create = new ArrayList<>();
    for (Map.Entry<String, Map<String, Endpoint>> e : remaining.entrySet()) {
      Group group = desired.get(e.getKey());
      Iterator<Endpoint> left = e.getValue().values().iterator();
      int count = e.getValue().size();
      if (count == 0) {
        continue;
      }
      // 1. slices that are written anyway
      for (Map.Entry<String, EndpointSlice> u : update.entrySet()) {
        EndpointSlice s = u.getValue();
        if (!key(s.addressType(), s.ports()).equals(e.getKey()) || s.endpoints().size() >= max) {
          continue;
        }
        List<Endpoint> eps = new ArrayList<>(s.endpoints());
        while (eps.size() < max && left.hasNext()) {
          eps.add(left.next());
          count--;
        }
        u.setValue(s.withEndpoints(eps));
      }
      // 2. the fullest unchanged slice that takes all that is left
      if (count > 0 && count < max) {
        EndpointSlice best = null;
        for (EndpointSlice s : unchanged) {
          if (key(s.addressType(), s.ports()).equals(e.getKey())
              && s.endpoints().size() + count <= max
              && (best == null || s.endpoints().size() > best.endpoints().size())) {
            best = s;
          }
        }
        if (best != null) {
          unchanged.remove(best);
          List<Endpoint> eps = new ArrayList<>(best.endpoints());
          left.forEachRemaining(eps::add);
          count = 0;
          update.put(
              best.metadata().name(),
              best.withMetadata(relabel.apply(best, best.metadata())).withEndpoints(eps));
        }
      }
      // 3. new slices
      while (count > 0) {
        List<Endpoint> eps = new ArrayList<>();
        while (eps.size() < max && left.hasNext()) {
          eps.add(left.next());
          count--;
        }
        create.add(newSlice.make(group.addressType(), group.ports(), eps));
      }
    }

    // placeholder: a Service with no endpoints keeps one empty slice
    int remainingSlices = existing.size() - delete.size() + create.size();
    if (remainingSlices == 0) {
      EndpointSlice keep = null;
      for (EndpointSlice d : delete) {
        if (d.endpoints().isEmpty()
            && d.ports().isEmpty()
            && placeholderType.equals(d.addressType())) {
          keep = d;
          break;
        }
      }
      if (keep != null) {
        delete.remove(keep);
        ObjectMeta meta = relabel.apply(keep, keep.metadata());
        if (!meta.equals(keep.metadata())) {
          update.put(keep.metadata().name(), keep.withMetadata(meta));
        }
      } else {
        create.add(newSlice.make(placeholderType, List.of(), List.of()));
      }
    }

    // a create and a delete of the same address type become one update
    List<EndpointSlice> creates = new ArrayList<>();
    for (EndpointSlice c : create) {
      EndpointSlice reuse = null;
      for (EndpointSlice d : delete) {
        if (d.addressType().equals(c.addressType())) {
          reuse = d;
          break;
        }
      }
      if (reuse == null) {
        creates.add(c);
        continue;
      }
      delete.remove(reuse);
      ObjectMeta meta = relabel.apply(reuse, reuse.metadata());
      update.put(
          reuse.metadata().name(),
          reuse.withMetadata(meta).withPorts(c.ports()).withEndpoints(c.endpoints()));
    }
    return new SlicePlan(creates, new ArrayList<>(update.values()), delete);
  }

  /** Makes a new slice. */
  @FunctionalInterface
  interface NewSlice {
    EndpointSlice make(String addressType, List<EndpointPort> ports, List<Endpoint> endpoints);
  }

  /** The group key of an address type and a port set (order of ports does not matter). */
  static String key(String addressType, List<EndpointPort> ports) {
    List<EndpointPort> sorted = new ArrayList<>(ports);
    sorted.sort(
        Comparator.comparing((EndpointPort p) -> p.name() == null ? "" : p.name())
            .thenComparing(p -> p.port() == null ? 0 : p.port())
            .thenComparing(p -> p.protocol() == null ? "" : p.protocol()));
    StringBuilder b = new StringBuilder(addressType).append('|');
    for (EndpointPort p : sorted) {
      b.append(p.name()).append('/').append(p.port()).append('/').append(p.protocol());
      b.append('/').append(p.appProtocol()).append(';');
    }
    return b.toString();
  }

  /** An endpoint's identity: its pod (uid) or, without one, its addresses. */
  static String endpointKey(Endpoint ep) {
    if (ep.targetRef() != null && ep.targetRef().uid() != null) {
      return ep.targetRef().uid() + "/" + ep.addresses();
    }
    return String.valueOf(ep.addresses());
  }
}
