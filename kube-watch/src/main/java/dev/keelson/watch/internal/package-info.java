/**
 * The watch cache's engine: the dispatcher and window ({@code CacheEngine}), the persistent map of
 * current objects, subscription threads, lists and continue tokens. Not API; use {@link
 * dev.keelson.watch.WatchCache}.
 */
package dev.keelson.watch.internal;
