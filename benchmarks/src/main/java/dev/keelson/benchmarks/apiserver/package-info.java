/** Benchmarks of the API server as a whole: start-up with and without a network listener. */
package dev.keelson.benchmarks.apiserver;
