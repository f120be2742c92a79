package dev.keelson.net.proxy.iptables;

import java.util.ArrayList;
import java.util.List;

/** Splits an iptables rule as iptables-restore does: on spaces, keeping "quoted words" whole. */
final class IptablesArgs {
  private IptablesArgs() {}

  static List<String> split(String rule) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < rule.length(); i++) {
      char c = rule.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (c == ' ' && !quoted) {
        if (inWord) {
          out.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unbalanced quote in: " + rule);
    }
    if (inWord) {
      out.add(word.toString());
    }
    return out;
  }
}
