package dev.keelson.apiserver.rest;

import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ApiException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.GoneException;
import dev.keelson.api.errors.InternalErrorException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.errors.RequestEntityTooLargeException;
import dev.keelson.api.errors.ServiceUnavailableException;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.store.CompactedException;
import dev.keelson.store.KeyExistsException;
import dev.keelson.store.KeyNotFoundException;
import dev.keelson.store.RequestTooLargeException;
import dev.keelson.store.StoreException;
import dev.keelson.store.UnavailableException;

/** Store failures as the API's errors (design.md, section 6). */
final class StoreErrors {
  private StoreErrors() {}

  static ApiException translate(StoreException e, ResourceType type, String name) {
    if (e instanceof KeyExistsException) {
      return AlreadyExistsException.of(type.groupResource(), name);
    }
    if (e instanceof KeyNotFoundException) {
      return NotFoundException.of(type.groupResource(), name);
    }
    if (e instanceof dev.keelson.store.ConflictException) {
      return ConflictException.of(
          type.groupResource(), name, ConflictException.OPTIMISTIC_LOCK_MESSAGE);
    }
    if (e instanceof RequestTooLargeException) {
      return RequestEntityTooLargeException.of(e.getMessage());
    }
    if (e instanceof UnavailableException) {
      return ServiceUnavailableException.of("storage is unavailable: " + e.getMessage());
    }
    if (e instanceof CompactedException) {
      return GoneException.expired(e.getMessage());
    }
    return InternalErrorException.of(e.getMessage());
  }
}
