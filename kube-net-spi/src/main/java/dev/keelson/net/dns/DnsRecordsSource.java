package dev.keelson.net.dns;

import dev.keelson.api.core.v1.Endpoints;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;

/**
 * What cluster DNS is fed from: informers (or tests) call these as objects are added, changed and
 * removed. Implementations are thread-safe; an upsert replaces the previous object of the same
 * namespace and name.
 */
public interface DnsRecordsSource {

  /** Adds or replaces a Service. */
  void upsertService(Service service);

  /** Removes a Service (no-op when absent). */
  void deleteService(String namespace, String name);

  /**
   * Adds or replaces an EndpointSlice; it belongs to the Service named by its {@code
   * kubernetes.io/service-name} label (slices without it are ignored).
   */
  void upsertEndpointSlice(EndpointSlice slice);

  /** Removes an EndpointSlice (no-op when absent). */
  void deleteEndpointSlice(String namespace, String name);

  /**
   * Adds or replaces a core/v1 Endpoints object (used for a Service only while it has no
   * EndpointSlices).
   */
  void upsertEndpoints(Endpoints endpoints);

  /** Removes a core/v1 Endpoints object (no-op when absent). */
  void deleteEndpoints(String namespace, String name);

  /** Adds or replaces a Pod (its IPs back verified pod records). */
  void upsertPod(Pod pod);

  /** Removes a Pod (no-op when absent). */
  void deletePod(String namespace, String name);

  /**
   * Marks the initial lists as delivered; until then cluster names are answered with SERVFAIL, as
   * CoreDNS does before its informers have synced.
   */
  void markSynced();
}
