/**
 * Cluster DNS: a UDP and TCP DNS server (Netty's DNS codec) answering the Kubernetes DNS
 * specification's names ({@code svc.ns.svc.zone}, endpoint hostnames, SRV for named ports, PTR, pod
 * names, ExternalName CNAMEs) from an in-memory view of Services, EndpointSlices, Endpoints and
 * Pods that informers feed through {@link dev.keelson.net.dns.DnsRecordsSource}; other names are
 * forwarded to a configured upstream.
 *
 * <p>Entry points: {@link dev.keelson.net.dns.ClusterDnsView} (the records) and {@link
 * dev.keelson.net.dns.ClusterDnsServer#start(ClusterDnsConfig, ClusterDnsView)}.
 */
package dev.keelson.net.dns;
