/** Test support for the workload controllers: a stand-in kubelet and polling helpers. */
package dev.keelson.controllers.testing;
