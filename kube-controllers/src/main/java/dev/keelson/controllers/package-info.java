/**
 * Built-in controllers (namespace, garbage collector, ReplicaSet, Deployment, StatefulSet,
 * DaemonSet, Job, endpoints, node lifecycle) and the scheduler. (Not built yet: see the project's
 * issues.)
 */
package dev.keelson.controllers;
