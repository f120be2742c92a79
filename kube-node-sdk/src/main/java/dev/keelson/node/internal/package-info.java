/**
 * The node agent's engine: the pod source over watches, the keyed pod workers and their sync step,
 * probe workers, crash-loop backoff, pod status generation, and the node heartbeat (Node
 * registration and status, Lease renewal). Not an API.
 */
package dev.keelson.node.internal;
