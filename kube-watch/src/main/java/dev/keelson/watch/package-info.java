/**
 * The watch cache and event bus: one upstream store watch per resource, each change decoded and
 * serialized once and fanned out to many subscribers, with namespace, label and field filters,
 * resume by resource version from a bounded window (410 Expired outside it), initial events,
 * bookmarks, timeouts, bounded per-subscriber lag, and consistent, paginated lists served from
 * memory.
 *
 * <p>Entry points: {@link dev.keelson.watch.WatchCache} (one resource) and {@link
 * dev.keelson.watch.EventBus} (the resources of one store, for in-process consumers). Key layout:
 * {@link dev.keelson.watch.ResourceKeys}. The engine lives in {@code dev.keelson.watch.internal}
 * and is not API.
 */
package dev.keelson.watch;
