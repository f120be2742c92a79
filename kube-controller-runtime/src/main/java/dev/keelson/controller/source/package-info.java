/**
 * The event-source contract between informers (producers) and controllers (consumers): {@link
 * dev.keelson.controller.source.EventSource} and {@link
 * dev.keelson.controller.source.ResourceEventHandler}.
 */
package dev.keelson.controller.source;
