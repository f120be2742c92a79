package dev.keelson.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;

/**
 * How the client authenticates with an {@code Authorization} header. Client certificates are not
 * credentials here: they are part of the TLS context ({@link ClientConfig#sslContext()}).
 */
public sealed interface Credentials {
  /** The value of the {@code Authorization} header, or {@code null} for none. */
  String authorization();

  /** No {@code Authorization} header. */
  static Credentials none() {
    return None.INSTANCE;
  }

  /** {@code Authorization: Bearer <token>}. */
  static Credentials bearer(String token) {
    return new Bearer(token);
  }

  /**
   * A bearer token read from a file on every request, as kubectl's {@code tokenFile} (the file may
   * be rotated, as projected service account tokens are).
   */
  static Credentials tokenFile(Path file) {
    return new TokenFile(file);
  }

  /** {@code Authorization: Basic base64(username:password)}. */
  static Credentials basic(String username, String password) {
    return new Basic(username, password);
  }

  /** No credentials. */
  enum None implements Credentials {
    INSTANCE;

    @Override
    public String authorization() {
      return null;
    }
  }

  /** A fixed bearer token. */
  record Bearer(String token) implements Credentials {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String authorization() {
      return "Bearer " + token;
    }

    @Override
    public String toString() {
      return "Bearer[token=<redacted>]";
    }
  }

  /** A bearer token in a file. */
  record TokenFile(Path file) implements Credentials {
    public TokenFile {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String authorization() {
      try {
        return "Bearer " + Files.readString(file, StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read token file " + file + ": " + e, e);
      }
    }
  }

  /** User name and password. */
  record Basic(String username, String password) implements Credentials {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String authorization() {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=<redacted>]";
    }
  }
}
