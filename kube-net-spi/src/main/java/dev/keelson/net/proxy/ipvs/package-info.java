/**
 * The {@code ipvs} service-proxy backend: a virtual server per cluster IP and port with a real
 * server per endpoint, written with {@code ipvsadm-restore}, and the cluster IPs bound to the dummy
 * interface {@code kube-ipvs0} so the node accepts traffic for them. Keelson's test kernel has no
 * IPVS: the backend is tested down to the exact commands and input it issues.
 */
package dev.keelson.net.proxy.ipvs;
