package dev.keelson.samples.operator;

import dev.keelson.api.GenericObject;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.registry.Subresource;
import java.util.List;

/**
 * A website: a container image served by {@code replicas} pods on {@code port}, reachable through a
 * Service of the same name. The custom resource {@code websites.samples.keelson.dev}, version
 * {@code v1}; its CRD is {@code crd/websites.samples.keelson.dev.yaml} on the class path.
 *
 * <p>On the wire a Website is a custom resource, so the client and informers carry it as a {@link
 * GenericObject}; {@link #from} and {@link #toGeneric} convert.
 */
public record Website(
    String apiVersion, String kind, ObjectMeta metadata, WebsiteSpec spec, WebsiteStatus status)
    implements KubernetesObject {
  /** The API group. */
  public static final String GROUP = "samples.keelson.dev";

  /** The served version. */
  public static final String VERSION = "v1";

  /** The kind. */
  public static final String KIND = "Website";

  /** {@code samples.keelson.dev/v1}. */
  public static final String API_VERSION = GROUP + "/" + VERSION;

  /**
   * The resource as the CRD defines it: namespaced, plural {@code websites}, short name {@code ws},
   * category {@code all}, with a status subresource.
   */
  public static final ResourceType RESOURCE =
      ResourceType.of(GROUP, VERSION, KIND, "websites", true)
          .withShortNames(List.of("ws"))
          .withCategories(List.of("all"))
          .withSubresources(
              List.of(
                  Subresource.status(
                      ResourceType.of(GROUP, VERSION, KIND, "websites", true).gvk())));

  /** A new Website (no status). */
  public static Website of(ObjectMeta metadata, WebsiteSpec spec) {
    return new Website(API_VERSION, KIND, metadata, spec, null);
  }

  /** The typed view of a generic object of this kind. */
  public static Website from(GenericObject object) {
    return object.as(Website.class);
  }

  /** This Website as the generic object the client sends. */
  public GenericObject toGeneric() {
    return GenericObject.from(this);
  }

  @Override
  public Website withMetadata(ObjectMeta metadata) {
    return new Website(apiVersion, kind, metadata, spec, status);
  }

  /** A copy with another spec. */
  public Website withSpec(WebsiteSpec spec) {
    return new Website(apiVersion, kind, metadata, spec, status);
  }

  /** A copy with another status. */
  public Website withStatus(WebsiteStatus status) {
    return new Website(apiVersion, kind, metadata, spec, status);
  }
}
