/**
 * The watch cache and event bus: one upstream store watch per resource, serialized once and fanned
 * out to many subscribers, with resume by resourceVersion, bookmarks and 410 Gone. (Not built yet:
 * see the project's issues.)
 */
package dev.keelson.watch;
