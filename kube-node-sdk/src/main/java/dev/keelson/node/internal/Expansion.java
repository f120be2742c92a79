package dev.keelson.node.internal;

import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} expansion of env values, command and args: {@code $(NAME)} becomes the
 * variable's value, or stays as written when there is none; {@code $$} is an escaped {@code $}; any
 * other {@code $} and an unclosed {@code $(} stay as written.
 */
final class Expansion {
  private Expansion() {}

  /** Expands {@code input}; {@code lookup} answers a variable's value or null when undefined. */
  static String expand(String input, Function<String, String> lookup) {
    StringBuilder out = new StringBuilder(input.length());
    int checkpoint = 0;
    for (int cursor = 0; cursor < input.length(); cursor++) {
      if (input.charAt(cursor) != '$' || cursor + 1 >= input.length()) {
        continue;
      }
      out.append(input, checkpoint, cursor);
      char next = input.charAt(cursor + 1);
      int advance = 1;
      if (next == '$') {
        out.append('$');
      } else if (next == '(') {
        int close = input.indexOf(')', cursor + 2);
        if (close < 0) {
          out.append("$(");
        } else {
          String name = input.substring(cursor + 2, close);
          String value = lookup.apply(name);
          out.append(value != null ? value : "$(" + name + ")");
          advance = close - cursor;
        }
      } else {
        out.append('$').append(next);
      }
      cursor += advance;
      checkpoint = cursor + 1;
    }
    out.append(input, checkpoint, input.length());
    return out.toString();
  }
}
