/**
 * A Kubernetes-compatible API server: {@link dev.keelson.apiserver.ApiServer}, its configuration,
 * and the kubeconfig it writes for clients. The HTTP layer is in {@code http}, certificates in
 * {@code tls}.
 */
package dev.keelson.apiserver;
