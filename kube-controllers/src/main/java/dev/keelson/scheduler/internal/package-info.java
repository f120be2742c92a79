/**
 * The scheduler's engines: the scheduling queue, the cache of nodes and bound/assumed pods, the
 * framework runner and the parallelizer. Not an API.
 */
package dev.keelson.scheduler.internal;
