/** End-to-end benchmarks of the built-in controllers with the scheduler and simulated nodes. */
package dev.keelson.benchmarks.controllers;
