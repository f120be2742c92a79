/**
 * Built-in controllers, each in its own package (namespace, garbage collector, ReplicaSet,
 * Deployment, StatefulSet, DaemonSet, Job, CronJob, Endpoints, EndpointSlice, node lifecycle and
 * taint eviction, node IPAM), {@link dev.keelson.controllers.BuiltinControllers} to run them (and
 * the scheduler, {@code dev.keelson.scheduler}) in a controller Manager, and shared helpers in
 * {@code support}.
 */
package dev.keelson.controllers;
