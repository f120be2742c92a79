/** The root CA certificate publisher: a {@code kube-root-ca.crt} ConfigMap in every namespace. */
package dev.keelson.controllers.rootca;
