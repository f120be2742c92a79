package dev.keelson.samples.cluster;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.client.KubeClient;
import java.net.InetAddress;

/**
 * The {@code kube-system/kube-dns} Service of the sample cluster, as kubeadm sets it up for
 * CoreDNS: ClusterIP {@value #CLUSTER_IP} (the nodes' {@code clusterDNS}), ports 53 over UDP and
 * TCP. Keelson's cluster DNS runs in the cluster's process, not in pods, so the Service has no
 * selector and its EndpointSlice names the address the DNS server listens on; the service proxy
 * then carries pods' queries there. A loopback or wildcard address is not reachable from pods and
 * gets no EndpointSlice (simulated pods send no queries).
 */
final class ClusterDnsService {
  /** The Service's ClusterIP: the tenth address of the default service range, as kubeadm's. */
  static final String CLUSTER_IP = "10.96.0.10";

  private ClusterDnsService() {}

  /** Creates (or keeps) the Service and, for a routable {@code address}, its EndpointSlice. */
  static void publish(KubeClient client, InetAddress address, int port) {
    Service service =
        KubeJson.decodeYaml(
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: kube-dns
              namespace: kube-system
              labels: {k8s-app: kube-dns, kubernetes.io/name: CoreDNS}
            spec:
              clusterIP: %s
              ports:
              - {name: dns, port: 53, protocol: UDP, targetPort: %d}
              - {name: dns-tcp, port: 53, protocol: TCP, targetPort: %d}
            """
                .formatted(CLUSTER_IP, port, port),
            Service.class);
    createOrKeep(client, Service.class, service);
    if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
      return;
    }
    EndpointSlice slice =
        KubeJson.decodeYaml(
            """
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: kube-dns-keelson
              namespace: kube-system
              labels:
                kubernetes.io/service-name: kube-dns
                endpointslice.kubernetes.io/managed-by: keelson-sample-cluster
            addressType: %s
            endpoints:
            - addresses: ["%s"]
              conditions: {ready: true}
            ports:
            - {name: dns, port: %d, protocol: UDP}
            - {name: dns-tcp, port: %d, protocol: TCP}
            """
                .formatted(
                    address instanceof java.net.Inet6Address ? "IPv6" : "IPv4",
                    address.getHostAddress(),
                    port,
                    port),
            EndpointSlice.class);
    var slices = client.resources(EndpointSlice.class).inNamespace("kube-system");
    try {
      slices.create(slice);
    } catch (AlreadyExistsException e) {
      // A restarted cluster (file or etcd store) may listen elsewhere now: replace the address.
      EndpointSlice old = slices.get(slice.metadata().name());
      slices.update(slice.withMetadata(old.metadata()));
    }
  }

  private static <T extends dev.keelson.api.KubernetesObject> void createOrKeep(
      KubeClient client, Class<T> type, T object) {
    var objects = client.resources(type).inNamespace(object.metadata().namespace());
    try {
      objects.get(object.metadata().name());
      return; // kept from an earlier start on a durable store (its ClusterIP is taken by it)
    } catch (NotFoundException absent) {
      // create it
    }
    try {
      objects.create(object);
    } catch (AlreadyExistsException e) {
      // created meanwhile by another process of the cluster
    }
  }
}
