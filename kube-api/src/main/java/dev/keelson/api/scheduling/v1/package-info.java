/**
 * {@code scheduling.k8s.io/v1}: {@link dev.keelson.api.scheduling.v1.PriorityClass}, the mapping
 * from a priority class name to a pod priority.
 */
package dev.keelson.api.scheduling.v1;
