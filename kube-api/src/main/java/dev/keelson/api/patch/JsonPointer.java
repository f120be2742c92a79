package dev.keelson.api.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON Pointer (RFC 6901): {@code ""} is the whole document, {@code "/a/0/b~1c"} the member
 * {@code b/c} of the first element of {@code a}. {@code ~0} stands for {@code ~} and {@code ~1} for
 * {@code /}; any other {@code ~} sequence is invalid.
 */
record JsonPointer(String text, List<String> tokens) {

  static final JsonPointer ROOT = new JsonPointer("", List.of());

  JsonPointer {
    tokens = List.copyOf(tokens);
  }

  /** Parses a pointer; throws {@link IllegalArgumentException} with the reason when invalid. */
  static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return ROOT;
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException(
          "invalid JSON pointer \"" + text + "\": it must be empty or start with \"/\"");
    }
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/') {
        tokens.add(token.toString());
        token.setLength(0);
      } else if (c == '~') {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        if (next == '0') {
          token.append('~');
        } else if (next == '1') {
          token.append('/');
        } else {
          throw new IllegalArgumentException(
              "invalid JSON pointer \"" + text + "\": \"~\" must be followed by \"0\" or \"1\"");
        }
        i++;
      } else {
        token.append(c);
      }
    }
    tokens.add(token.toString());
    return new JsonPointer(text, tokens);
  }

  boolean isRoot() {
    return tokens.isEmpty();
  }

  /** The pointer to the parent container; not for the root. */
  JsonPointer parent() {
    int cut = text.lastIndexOf('/');
    return new JsonPointer(text.substring(0, cut), tokens.subList(0, tokens.size() - 1));
  }

  /** The last reference token; not for the root. */
  String last() {
    return tokens.get(tokens.size() - 1);
  }

  /** Whether this pointer is a proper prefix of {@code other} (other lies inside this one). */
  boolean isProperPrefixOf(JsonPointer other) {
    if (other.tokens.size() <= tokens.size()) {
      return false;
    }
    return other.tokens.subList(0, tokens.size()).equals(tokens);
  }

  /**
   * The array index a token stands for: digits only, no leading zeros (RFC 6901 section 4); {@code
   * -1} when the token is not an index.
   */
  static int arrayIndex(String token) {
    if (token.isEmpty() || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    if (token.length() > 1 && token.charAt(0) == '0') {
      return -1;
    }
    return token.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(token);
  }

  @Override
  public String toString() {
    return text;
  }
}
