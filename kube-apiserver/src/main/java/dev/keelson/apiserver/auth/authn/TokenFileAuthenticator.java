package dev.keelson.apiserver.auth.authn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static bearer tokens from a file in kube-apiserver's {@code --token-auth-file} form: one CSV line
 * per token, {@code token,user,uid[,"group1,group2"]}. Tokens are kept as SHA-256 digests only.
 */
public final class TokenFileAuthenticator implements Authenticator {
  private final Map<String, UserInfo> byDigest;

  private TokenFileAuthenticator(Map<String, UserInfo> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  /**
   * Reads a token file.
   *
   * @throws IllegalArgumentException on a malformed line (its number; never the token)
   */
  public static TokenFileAuthenticator read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read token file " + file, e);
    }
  }

  /** Parses the file's text. */
  public static TokenFileAuthenticator parse(String csv) {
    Map<String, UserInfo> out = new HashMap<>();
    int n = 0;
    for (String line : csv.split("\r?\n")) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = fields(line, n);
      if (f.size() < 3 || f.get(0).isEmpty() || f.get(1).isEmpty()) {
        throw new IllegalArgumentException(
            "token file line " + n + ": need at least token,user,uid");
      }
      List<String> groups = new ArrayList<>();
      if (f.size() > 3) {
        for (String g : f.get(3).split(",")) {
          if (!g.strip().isEmpty()) {
            groups.add(g.strip());
          }
        }
      }
      out.put(digest(f.get(0)), UserInfo.authenticated(f.get(1), f.get(2), groups, Map.of()));
    }
    return new TokenFileAuthenticator(out);
  }

  private static List<String> fields(String line, int n) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("token file line " + n + ": unterminated quote");
    }
    out.add(cur.toString());
    return out;
  }

  static String digest(String token) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    if (credentials.bearerToken() == null) {
      return Optional.empty();
    }
    // Unknown tokens are not ours: a JWT may still be a service account token.
    return Optional.ofNullable(byDigest.get(digest(credentials.bearerToken())));
  }

  /** The provider ({@code token-file}): on when the configuration names a token file. */
  public static final class Provider implements AuthenticatorProvider {
    @Override
    public String name() {
      return "token-file";
    }

    @Override
    public Optional<Authenticator> create(AuthenticatorContext context) {
      Path f = context.config().tokenFile();
      return f == null ? Optional.empty() : Optional.of(read(f));
    }
  }
}
