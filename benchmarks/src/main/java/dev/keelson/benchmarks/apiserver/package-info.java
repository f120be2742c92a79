/**
 * The API server harnesses: ConfigMap throughput and list latency over HTTPS against fabric8's
 * {@code KubernetesMockServer} (and, on {@code etcd://}, against the store's own throughput), and
 * start-up times, cold and in a warm JVM.
 */
package dev.keelson.benchmarks.apiserver;
