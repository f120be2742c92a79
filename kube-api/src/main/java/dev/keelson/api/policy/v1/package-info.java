/**
 * {@code policy/v1}: {@link dev.keelson.api.policy.v1.PodDisruptionBudget}, the limit on voluntary
 * disruptions (evictions) of a set of pods. Its status conditions merge by {@code type} in
 * strategic merge patches.
 */
package dev.keelson.api.policy.v1;
