/**
 * The scheduler (kube-scheduler): {@link dev.keelson.scheduler.Scheduler} watches Nodes and Pods
 * through shared informers, queues pending pods of its scheduler name, picks a node with the
 * plugins of its {@link dev.keelson.scheduler.framework.Profile} and binds through {@code
 * pods/binding}.
 */
package dev.keelson.scheduler;
