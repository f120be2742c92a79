/**
 * Where controllers hear about changes: an {@link dev.keelson.controller.source.EventSource}
 * (implemented by informers) delivers add/update/delete notifications to {@link
 * dev.keelson.controller.source.ResourceEventHandler}s; {@link
 * dev.keelson.controller.source.EventPredicate}s ({@link dev.keelson.controller.source.Predicates})
 * filter them before they become work.
 */
package dev.keelson.controller.source;
