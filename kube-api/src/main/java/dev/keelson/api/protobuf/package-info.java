/**
 * Kubernetes' protobuf wire format ({@code application/vnd.kubernetes.protobuf}) for request
 * bodies: {@link KubeProtobuf#decode} turns an enveloped object of a built-in kind into the JSON
 * tree a Go client would have sent, so everything downstream (KubeJson, validation, defaults) is
 * the same as for JSON. The per-message field tables are generated from Kubernetes' {@code
 * generated.proto} and Go types by {@code kube-api/src/build/gen-protobuf-schema.py}.
 */
package dev.keelson.api.protobuf;
