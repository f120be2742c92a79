/**
 * The complete cluster sample: store, API server, controllers, scheduler, node agents, proxy and
 * DNS in one JVM.
 */
package dev.keelson.samples.cluster;
