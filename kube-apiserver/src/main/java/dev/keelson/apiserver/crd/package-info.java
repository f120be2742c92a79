/**
 * CustomResourceDefinitions: {@link dev.keelson.apiserver.crd.CustomResourceDefinitions} watches
 * the stored CRDs and serves their resources (registry, discovery, OpenAPI), keeps their status
 * (accepted names, {@code NamesAccepted}, {@code Established}, {@code Terminating}) as
 * kube-apiserver's apiextensions controllers do, deletes the custom resources of a deleted CRD
 * before letting it go, and gives the resource API the schema rules of custom resources (pruning,
 * defaulting, validation, version conversion, scale paths).
 */
package dev.keelson.apiserver.crd;
