/**
 * Small helpers that several built-in controllers share: controller references ({@link
 * dev.keelson.controllers.support.ControllerRefs}), pod state and service ports as the controllers
 * judge them ({@link dev.keelson.controllers.support.Pods}), taints and tolerations ({@link
 * dev.keelson.controllers.support.Taints}), controller history ({@link
 * dev.keelson.controllers.support.ControllerRevisions}), pod writes not yet in the cache ({@link
 * dev.keelson.controllers.support.PendingPods}), pod adoption ({@link
 * dev.keelson.controllers.support.PodClaims}), shared informer indexes ({@link
 * dev.keelson.controllers.support.SharedIndexes}) and node selection ({@link
 * dev.keelson.controllers.support.NodeAffinities}).
 */
package dev.keelson.controllers.support;
