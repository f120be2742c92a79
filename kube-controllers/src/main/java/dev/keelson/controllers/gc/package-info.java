/**
 * The garbage collector: a dependency graph of every object of every resource that supports list,
 * watch and delete (generic informers over discovery, rediscovered periodically so custom resources
 * join), keyed by uid, that deletes dependents whose owners are gone (background), deletes the
 * dependents of an owner in foreground deletion before releasing it, and orphans the dependents of
 * an owner deleted with propagation {@code Orphan}. Start it with {@link
 * dev.keelson.controllers.gc.GarbageCollector}.
 */
package dev.keelson.controllers.gc;
