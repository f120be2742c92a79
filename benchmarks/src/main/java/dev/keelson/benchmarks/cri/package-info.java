/** The real-containerd harness: pod create-to-Running latency on the {@code cri} runtime. */
package dev.keelson.benchmarks.cri;
