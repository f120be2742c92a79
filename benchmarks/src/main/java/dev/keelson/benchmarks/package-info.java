/**
 * JMH benchmarks. Each compares Keelson against a named peer in the same run; results go to
 * docs/benchmarks.md.
 */
package dev.keelson.benchmarks;
