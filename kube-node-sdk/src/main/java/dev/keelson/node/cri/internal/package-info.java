/** The {@code cri} runtime's gRPC plumbing: CRI method descriptors and the log file reader. */
package dev.keelson.node.cri.internal;
