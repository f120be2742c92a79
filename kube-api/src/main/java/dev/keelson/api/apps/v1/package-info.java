/**
 * {@code apps/v1}: the workload controllers' kinds: {@link dev.keelson.api.apps.v1.Deployment},
 * {@link dev.keelson.api.apps.v1.ReplicaSet}, {@link dev.keelson.api.apps.v1.StatefulSet}, {@link
 * dev.keelson.api.apps.v1.DaemonSet} and {@link dev.keelson.api.apps.v1.ControllerRevision}. Pod
 * templates and claim templates are the core/v1 types. Condition lists are merged by {@code type}
 * in strategic merge patches; a deployment's {@code strategy} honours {@code $retainKeys}.
 */
package dev.keelson.api.apps.v1;
