/**
 * The scheduling framework, as kube-scheduler's: plugin interfaces for the extension points
 * (PreFilter, Filter, PostFilter, PreScore, Score, Reserve, Permit, PreBind, Bind), the {@link
 * dev.keelson.scheduler.framework.Status} they return, the per-cycle {@link
 * dev.keelson.scheduler.framework.CycleState}, and the {@link
 * dev.keelson.scheduler.framework.NodeInfo}/{@link dev.keelson.scheduler.framework.Snapshot} view
 * of the cluster a cycle schedules against.
 */
package dev.keelson.scheduler.framework;
