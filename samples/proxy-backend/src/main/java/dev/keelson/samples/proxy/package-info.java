/**
 * A sample third-party service-proxy backend, {@code haproxy-config}: found by name through {@link
 * java.util.ServiceLoader} like the built-in ones, it writes the cluster's service ports and
 * endpoints as an HAProxy configuration file for an HAProxy the operator runs and reloads.
 */
package dev.keelson.samples.proxy;
