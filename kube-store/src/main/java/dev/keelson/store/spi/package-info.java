/**
 * The service-provider interface for store backends: implement {@link
 * dev.keelson.store.spi.StoreProvider} and register it with {@code ServiceLoader}.
 */
package dev.keelson.store.spi;
