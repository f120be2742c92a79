/**
 * The built-in admission plugins: NamespaceLifecycle, LimitRanger, ServiceAccount, Priority,
 * DefaultIngressClass and ResourceQuota, with kube-apiserver's rules and messages.
 */
package dev.keelson.apiserver.admission.plugins;
