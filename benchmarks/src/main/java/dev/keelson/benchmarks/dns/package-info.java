/** Cluster DNS benchmark harness: queries per second with the real {@code dnsperf}. */
package dev.keelson.benchmarks.dns;
