/** Node agent scale harness: many simulated nodes heartbeating in one JVM. */
package dev.keelson.benchmarks.node;
