package dev.keelson.apiserver.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.apiserver.rest.CustomResourceHooks;
import java.util.List;
import java.util.Map;

/**
 * A CRD as served: the stored CRD, its storage version, each served version's schema and scale
 * paths, and the resource types registered for it.
 *
 * @param crd the CRD's JSON as last seen
 * @param storageVersion the version objects are stored at
 * @param schemas {@code openAPIV3Schema} per version name
 * @param scale scale paths per version name (versions with a scale subresource)
 * @param terminating whether the CRD is being deleted (creates are refused)
 * @param types the registered resource types, one per served version
 */
record ServedCrd(
    JsonNode crd,
    String group,
    String kind,
    String storageVersion,
    Map<String, JsonNode> schemas,
    Map<String, CustomResourceHooks.ScalePaths> scale,
    boolean terminating,
    List<ResourceType> types) {}
