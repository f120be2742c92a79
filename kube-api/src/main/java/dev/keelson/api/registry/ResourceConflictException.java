package dev.keelson.api.registry;

/**
 * A resource could not be registered because one of its names is already taken in its group (the
 * situation in which Kubernetes reports a CRD's {@code NamesAccepted} condition as false).
 */
public class ResourceConflictException extends IllegalArgumentException {
  public ResourceConflictException(String message) {
    super(message);
  }
}
