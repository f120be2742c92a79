/**
 * The admission SPI: in-process plugins that see every write after defaulting, mutating plugins
 * first (in the configured order), then, after the object's validation, validating plugins, as
 * kube-apiserver runs its admission chain. Built-ins are in {@code plugins}; third-party plugins
 * come through {@link java.util.ServiceLoader} as {@link AdmissionPluginProvider}s.
 */
package dev.keelson.apiserver.admission;
