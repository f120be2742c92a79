/**
 * Test support for controllers: {@link dev.keelson.testkit.KeelsonTest} and {@link
 * dev.keelson.testkit.KeelsonExtension} run a real API server per test class or test and hand tests
 * a client and a fake clock.
 */
package dev.keelson.testkit;
