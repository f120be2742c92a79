package dev.keelson.client.config;

/**
 * A context of a kubeconfig: a cluster, a user and a default namespace.
 *
 * @param user may be {@code null} or empty for an anonymous context
 * @param namespace may be {@code null} ({@code default})
 */
public record KubeconfigContext(String cluster, String user, String namespace, String source) {}
