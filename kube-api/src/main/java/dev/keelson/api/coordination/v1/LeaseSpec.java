package dev.keelson.api.coordination.v1;

import dev.keelson.api.KubeModel;
import dev.keelson.api.json.MicroTime;

/**
 * Who holds a lease, since when, and for how long.
 *
 * @param holderIdentity the identity of the current holder
 * @param leaseDurationSeconds how long candidates must wait before they may take over after the
 *     last renewal
 * @param acquireTime when the current holder acquired the lease
 * @param renewTime when the current holder last renewed the lease
 * @param leaseTransitions how many times the holder changed
 * @param strategy how coordinated leader election picks a holder, e.g. {@code
 *     OldestEmulationVersion}
 * @param preferredHolder the holder that coordinated leader election asks to take over
 */
@KubeModel
public record LeaseSpec(
    String holderIdentity,
    Integer leaseDurationSeconds,
    MicroTime acquireTime,
    MicroTime renewTime,
    Integer leaseTransitions,
    String strategy,
    String preferredHolder)
    implements LeaseSpecBuilder.With {}
