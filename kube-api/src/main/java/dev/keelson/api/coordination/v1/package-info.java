/**
 * {@code coordination.k8s.io/v1}: {@link dev.keelson.api.coordination.v1.Lease}, the lock behind
 * leader election and node heartbeats. Its times are {@link dev.keelson.api.json.MicroTime}s.
 */
package dev.keelson.api.coordination.v1;
