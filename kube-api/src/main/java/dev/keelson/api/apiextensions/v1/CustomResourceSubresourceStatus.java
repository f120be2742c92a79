package dev.keelson.api.apiextensions.v1;

/**
 * Enables the {@code /status} subresource of a custom resource version. It has no fields and is
 * written as {@code {}}; its presence is what matters.
 */
public record CustomResourceSubresourceStatus() {}
