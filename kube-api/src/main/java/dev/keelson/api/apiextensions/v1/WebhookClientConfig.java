package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/**
 * How to reach a webhook: a URL, or a service in the cluster, and the CA bundle to trust.
 *
 * @param caBundle the PEM CA bundle, base64-encoded as on the wire ({@code []byte} in Go)
 */
@KubeModel
public record WebhookClientConfig(String url, ServiceReference service, String caBundle)
    implements WebhookClientConfigBuilder.With {}
