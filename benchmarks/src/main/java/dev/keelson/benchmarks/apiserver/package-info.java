/**
 * The API server harnesses: ConfigMap throughput and list latency over HTTPS against fabric8's
 * {@code KubernetesMockServer} (and, on {@code etcd://}, against the store's own throughput),
 * start-up times, cold and in a warm JVM, and start-up with and without a network listener (JMH).
 */
package dev.keelson.benchmarks.apiserver;
