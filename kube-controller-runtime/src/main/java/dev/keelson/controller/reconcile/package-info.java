/**
 * Reconcilers and the controller that drives them, in the manner of controller-runtime.
 *
 * <p>A {@link dev.keelson.controller.reconcile.Reconciler} gets a {@link
 * dev.keelson.controller.reconcile.Request} (namespace/name) and makes the world match the object's
 * desired state, returning a {@link dev.keelson.controller.reconcile.Result}. A {@link
 * dev.keelson.controller.reconcile.Controller} turns notifications of {@link
 * dev.keelson.controller.source.EventSource}s into requests ({@link
 * dev.keelson.controller.reconcile.RequestMapper}, {@link
 * dev.keelson.controller.reconcile.Mappers}), queues them on a rate-limited work queue and runs
 * workers that call the reconciler: one key is never reconciled by two workers at once, failures
 * are retried with backoff, {@link dev.keelson.controller.reconcile.TerminalException}s are not.
 */
package dev.keelson.controller.reconcile;
