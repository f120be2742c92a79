package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/** A service (and optional path and port) that serves a webhook. */
@KubeModel
public record ServiceReference(String namespace, String name, String path, Integer port)
    implements ServiceReferenceBuilder.With {}
