/** Scheduler throughput through the in-process API server. */
package dev.keelson.benchmarks.scheduler;
