package dev.keelson.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.GroupVersionResource;

/**
 * What an admission plugin knows about a write (Kubernetes' {@code admission.Attributes}).
 *
 * @param operation CREATE, UPDATE, DELETE or CONNECT
 * @param kind the kind of the object written
 * @param resource the resource written to
 * @param subresource the subresource ({@code status}, {@code eviction}...), or {@code null}
 * @param namespace the namespace, or {@code null} for cluster-scoped resources
 * @param name the object's name (on create, possibly still empty with generateName)
 * @param object the object as it will be stored (mutating plugins change it in place); {@code null}
 *     on DELETE
 * @param oldObject the stored object on UPDATE and DELETE, {@code null} on CREATE; never change it
 * @param userInfo who writes ({@link UserInfo#UNKNOWN} until authentication fills it)
 * @param dryRun whether the write is a dry run: plugins must not change anything outside the object
 *     (no side effects)
 */
public record Attributes(
    Operation operation,
    GroupVersionKind kind,
    GroupVersionResource resource,
    String subresource,
    String namespace,
    String name,
    ObjectNode object,
    ObjectNode oldObject,
    UserInfo userInfo,
    boolean dryRun) {
  public Attributes {
    userInfo = userInfo == null ? UserInfo.UNKNOWN : userInfo;
  }

  /** The resource without its version. */
  public GroupResource groupResource() {
    return resource.groupResource();
  }

  /** Whether the write is on {@code group/resource} itself (no subresource). */
  public boolean isMain(String group, String resource) {
    return subresource == null
        && this.resource.group().equals(group)
        && this.resource.resource().equals(resource);
  }

  /** These attributes for another user (the authentication layer sets it). */
  public Attributes withUserInfo(UserInfo user) {
    return new Attributes(
        operation, kind, resource, subresource, namespace, name, object, oldObject, user, dryRun);
  }
}
