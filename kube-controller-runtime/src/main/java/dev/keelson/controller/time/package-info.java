/**
 * Time for the controller runtime: {@link dev.keelson.controller.time.Clock} (the real clock and
 * timers) and {@link dev.keelson.controller.time.FakeClock}, which tests move by hand so that
 * delays, backoff, resyncs and leases run in microseconds without sleeping.
 */
package dev.keelson.controller.time;
