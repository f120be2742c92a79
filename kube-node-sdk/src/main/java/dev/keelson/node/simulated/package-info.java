/**
 * The {@code simulated} container runtime: pods "run" on a {@link
 * dev.keelson.controller.time.Clock} with no process, no thread and no timer per pod beyond the
 * clock's own timer entries, so thousands of simulated nodes fit in one JVM (as kwok does). What a
 * container does is read from its image and the pod's annotations ({@link
 * dev.keelson.node.simulated.SimulatedRuntime} lists the rules) or set by tests.
 */
package dev.keelson.node.simulated;
