package dev.keelson.api.protobuf;

import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.meta.Status;

/** A protobuf body that cannot be decoded: a 400 BadRequest naming the problem. */
public class ProtobufException extends BadRequestException {
  /** A 400 with this message. */
  public ProtobufException(String message) {
    super(Status.failure(400, "BadRequest", message, null));
  }
}
