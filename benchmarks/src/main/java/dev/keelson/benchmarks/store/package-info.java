/**
 * JMH benchmarks of the embedded store backends ({@code memory:}, {@code file:}). Results and the
 * commands that reproduce them are in {@code docs/benchmarks.md}, section "Store".
 */
package dev.keelson.benchmarks.store;
