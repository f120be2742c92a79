package dev.keelson.scheduler;

/**
 * Counters of a scheduler.
 *
 * @param scheduled pods bound
 * @param unschedulable attempts that found no node
 * @param errors attempts that failed with an error (including binding failures)
 * @param bindConflicts bindings the API refused with a conflict (the pod was bound elsewhere)
 * @param activeQ pods ready to schedule
 * @param backoffQ pods backing off
 * @param unschedulablePods pods waiting for a cluster event
 */
public record SchedulerStats(
    long scheduled,
    long unschedulable,
    long errors,
    long bindConflicts,
    int activeQ,
    int backoffQ,
    int unschedulablePods) {}
