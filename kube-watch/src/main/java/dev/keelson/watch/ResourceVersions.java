package dev.keelson.watch;

import dev.keelson.api.errors.BadRequestException;

/** Parsing of resource versions received from clients. */
public final class ResourceVersions {
  private ResourceVersions() {}

  /**
   * The revision a resource version names.
   *
   * @throws BadRequestException if it is not a non-negative decimal integer
   */
  public static long parse(String resourceVersion) {
    try {
      long v = Long.parseLong(resourceVersion);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw BadRequestException.of("invalid resource version: " + resourceVersion);
  }
}
