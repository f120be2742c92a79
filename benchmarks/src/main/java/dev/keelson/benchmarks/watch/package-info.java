/** The watch fan-out harness: deliveries per second, write-to-delivery latency, idle heap. */
package dev.keelson.benchmarks.watch;
