package dev.keelson.api.selector;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Label key and value checks with Kubernetes' exact messages ({@code content.IsLabelKey}, {@code
 * IsLabelValue}, {@code IsDNS1123Subdomain}) and its field error rendering.
 *
 * <p>Package-private on purpose: {@code dev.keelson.api.validation} owns name validation; the two
 * are to be unified there later.
 */
final class LabelNames {
  private static final String NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern NAME = Pattern.compile(NAME_FMT);
  private static final String NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final String VALUE_FMT = "(" + NAME_FMT + ")?";
  private static final Pattern VALUE = Pattern.compile(VALUE_FMT);
  private static final String VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String DNS_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SUBDOMAIN_FMT = DNS_LABEL_FMT + "(\\." + DNS_LABEL_FMT + ")*";
  private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
  private static final String SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";

  private LabelNames() {}

  /** What is wrong with a label key (a qualified name), or nothing. */
  static List<String> keyErrors(String key) {
    List<String> errs = new ArrayList<>();
    String[] parts = key.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String e : subdomainErrors(prefix)) {
          errs.add("prefix part " + e);
        }
      }
    } else {
      errs.add(
          "a valid label key "
              + regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc")
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (bytes(name) > 63) {
      errs.add("name part must be no more than 63 bytes");
    }
    if (!NAME.matcher(name).matches()) {
      errs.add("name part " + regexError(NAME_MSG, NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** What is wrong with a label value, or nothing. */
  static List<String> valueErrors(String value) {
    List<String> errs = new ArrayList<>();
    if (bytes(value) > 63) {
      errs.add("must be no more than 63 bytes");
    }
    if (!VALUE.matcher(value).matches()) {
      errs.add(regexError(VALUE_MSG, VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  static List<String> subdomainErrors(String value) {
    List<String> errs = new ArrayList<>();
    if (bytes(value) > 253) {
      errs.add("must be no more than 253 bytes");
    }
    if (!SUBDOMAIN.matcher(value).matches()) {
      errs.add(regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  /** Kubernetes' {@code field.Invalid(path, value, detail).Error()}. */
  static String invalid(String path, String quotedValue, String detail) {
    return path + ": Invalid value: " + quotedValue + ": " + detail;
  }

  /** Go's {@code %q} for the strings that can occur here. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String regexError(String msg, String re, String... examples) {
    StringBuilder b = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      b.append(i > 0 ? " or " : "").append('\'').append(examples[i]).append("', ");
    }
    return b.append("regex used for validation is '").append(re).append("')").toString();
  }

  private static int bytes(String s) {
    return s.getBytes(UTF_8).length;
  }
}
