/**
 * Leader election on a coordination.k8s.io/v1 {@code Lease}, as client-go's {@code leaderelection}:
 * {@link dev.keelson.controller.leader.LeaderElector} campaigns for the lease, renews it while
 * leading and tells {@link dev.keelson.controller.leader.LeaderCallbacks} when leadership starts,
 * stops or moves. {@link dev.keelson.controller.leader.LeaseLock} is the seam to the API (a {@code
 * Lease} through kube-client by default).
 */
package dev.keelson.controller.leader;
