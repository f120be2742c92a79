/**
 * kube-scheduler's default plugins: NodeName, NodeUnschedulable, NodeResourcesFit, NodeAffinity
 * (with nodeSelector), TaintToleration, PodTopologySpread, InterPodAffinity,
 * NodeResourcesLeastAllocated, NodeResourcesBalancedAllocation, DefaultPreemption and
 * DefaultBinder, with kube-scheduler's names, reasons and default score weights ({@link
 * dev.keelson.scheduler.plugins.DefaultPlugins}).
 */
package dev.keelson.scheduler.plugins;
