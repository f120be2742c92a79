/** The {@code none} service-proxy backend: programs nothing (for clusters without a data plane). */
package dev.keelson.net.proxy.none;
