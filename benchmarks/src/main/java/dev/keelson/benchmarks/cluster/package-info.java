/** Start-up of the sample cluster as a user starts it. */
package dev.keelson.benchmarks.cluster;
