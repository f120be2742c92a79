/**
 * Informers: {@link dev.keelson.controller.informer.SharedInformer} (list, watch, relist, resync,
 * handlers with coalescing buffers) and {@link dev.keelson.controller.informer.InformerFactory},
 * which shares one informer per resource, namespace and selectors.
 */
package dev.keelson.controller.informer;
