package dev.keelson.apiserver.auth.authn;

/**
 * Credentials were presented but are not valid (unknown token, bad signature, expired, a
 * certificate of another CA). The request answers 401; the message is for the server's log and
 * never contains the credential itself.
 */
public final class InvalidCredentialsException extends RuntimeException {
  public InvalidCredentialsException(String message) {
    super(message, null, false, false);
  }
}
