/** Test support for the controller tests: a fake kubelet and polling with a deadline. */
package dev.keelson.controllers.testing;
