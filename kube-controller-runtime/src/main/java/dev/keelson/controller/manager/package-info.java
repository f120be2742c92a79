/**
 * The controller {@link dev.keelson.controller.manager.Manager}: one shared informer factory, many
 * components (controllers and others), leader election on a Lease, health and readiness checks,
 * metrics, and graceful shutdown, served over HTTP when asked.
 */
package dev.keelson.controller.manager;
