package dev.keelson.api.networking.v1;

import dev.keelson.api.KubeModel;

/**
 * The routes of one host (Go's {@code IngressRule} with its inlined {@code IngressRuleValue}).
 *
 * @param host a DNS name, possibly with a leading {@code *.} wildcard; empty for all hosts
 */
@KubeModel
public record IngressRule(String host, HTTPIngressRuleValue http)
    implements IngressRuleBuilder.With {}
