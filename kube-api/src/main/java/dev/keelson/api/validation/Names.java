package dev.keelson.api.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string formats of the Kubernetes API: DNS names, qualified names (label and annotation keys),
 * label values, C identifiers, environment variable names, port names and numbers, percentages and
 * config keys.
 *
 * <p>Each {@code isX} method returns the list of everything wrong with a value, with Kubernetes'
 * exact texts ({@code apimachinery/pkg/util/validation}), or an empty list if the value is valid.
 * Each {@code validateX} method turns those into {@link FieldError}s ({@code Invalid value}) at a
 * field path. Lengths are counted in UTF-8 bytes, as Go's {@code len} does.
 */
public final class Names {
  private Names() {}

  /** Maximum length of a DNS-1123 subdomain (and of most object names). */
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

  /** Maximum length of a DNS-1123 label. */
  public static final int DNS1123_LABEL_MAX_LENGTH = 63;

  /** Maximum length of a DNS-1035 label. */
  public static final int DNS1035_LABEL_MAX_LENGTH = 63;

  /** Maximum length of the name part of a qualified name. */
  public static final int QUALIFIED_NAME_MAX_LENGTH = 63;

  /** Maximum length of a label value. */
  public static final int LABEL_VALUE_MAX_LENGTH = 63;

  /** Maximum length of an IANA service (port) name. */
  public static final int PORT_NAME_MAX_LENGTH = 15;

  public static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  public static final String DNS1123_SUBDOMAIN_FMT =
      DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  public static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  public static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  public static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  public static final String C_IDENTIFIER_FMT = "[A-Za-z_][A-Za-z0-9_]*";
  public static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";
  public static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
  public static final String PERCENT_FMT = "[0-9]+%";
  public static final String HTTP_HEADER_NAME_FMT = "[-A-Za-z0-9]+";

  private static final String DNS1123_LABEL_MSG =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
          + " must start and end with an alphanumeric character";
  private static final String DNS1123_SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String DNS1035_LABEL_MSG =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
          + " alphabetic character, and end with an alphanumeric character";
  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";
  private static final String LABEL_VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character";
  private static final String C_IDENTIFIER_MSG =
      "a valid C identifier must start with alphabetic character or '_', followed by a string of"
          + " alphanumeric characters or '_'";
  private static final String ENV_VAR_NAME_MSG =
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-',"
          + " or '.', and must not start with a digit";
  private static final String RELAXED_ENV_VAR_NAME_MSG =
      "a valid environment variable name must consist only of printable ASCII characters other"
          + " than '='";
  private static final String CONFIG_MAP_KEY_MSG =
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
  private static final String PERCENT_MSG =
      "a valid percent string must be a numeric string followed by an ending '%'";
  private static final String HTTP_HEADER_NAME_MSG =
      "a valid HTTP header must consist of alphanumeric characters or '-'";

  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern C_IDENTIFIER = Pattern.compile(C_IDENTIFIER_FMT);
  private static final Pattern ENV_VAR_NAME = Pattern.compile(ENV_VAR_NAME_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern HTTP_HEADER_NAME = Pattern.compile(HTTP_HEADER_NAME_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern ONE_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);

  // ---- messages, as apimachinery words them

  /** {@code must be no more than 63 characters}. */
  public static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** {@code must be non-empty}. */
  public static String emptyError() {
    return "must be non-empty";
  }

  /** {@code must be between 1 and 65535, inclusive}. */
  public static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /**
   * {@code <msg> (e.g. 'a', or 'b', regex used for validation is '<fmt>')}: the wording (and the
   * double space) of Kubernetes' {@code RegexError}.
   */
  public static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    StringBuilder s = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  // ---- formats

  /** A DNS-1123 subdomain: at most 253 characters, lower-case labels separated by dots. */
  public static List<String> isDns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (len(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!Formats.dns1123Subdomain(value)) {
      errs.add(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errs;
  }

  /** A DNS-1123 label: at most 63 lower-case alphanumerics or '-', alphanumeric at both ends. */
  public static List<String> isDns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (len(value) > DNS1123_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_LABEL_MAX_LENGTH));
    }
    if (!Formats.dns1123Label(value)) {
      if (Formats.dns1123Subdomain(value)) {
        errs.add("must not contain dots"); // a valid subdomain: it can only be the dots
      } else {
        errs.add(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name", "123-abc"));
      }
    }
    return errs;
  }

  /** A DNS-1035 label (service names): like a DNS-1123 label but starting with a letter. */
  public static List<String> isDns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (len(value) > DNS1035_LABEL_MAX_LENGTH) {
      errs.add(maxLenError(DNS1035_LABEL_MAX_LENGTH));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name", "abc-123"));
    }
    return errs;
  }

  /**
   * A qualified name (label keys, annotation keys, finalizers): an optional DNS-1123 subdomain
   * prefix and {@code /}, then a name of at most 63 characters matching {@link
   * #QUALIFIED_NAME_FMT}.
   */
  public static List<String> isQualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errs.add("prefix part " + emptyError());
        } else {
          for (String msg : isDns1123Subdomain(prefix)) {
            errs.add("prefix part " + msg);
          }
        }
      }
      default -> {
        errs.add(
            "a qualified name "
                + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part " + emptyError());
    } else if (len(name) > QUALIFIED_NAME_MAX_LENGTH) {
      errs.add("name part " + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
    }
    if (!Formats.qualifiedName(name)) {
      errs.add(
          "name part "
              + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** A label value: empty, or at most 63 characters matching {@link #QUALIFIED_NAME_FMT}. */
  public static List<String> isLabelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (len(value) > LABEL_VALUE_MAX_LENGTH) {
      errs.add(maxLenError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!Formats.labelValue(value)) {
      errs.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** A C identifier ({@code [A-Za-z_][A-Za-z0-9_]*}); the length is not checked. */
  public static List<String> isCIdentifier(String value) {
    if (C_IDENTIFIER.matcher(value).matches()) {
      return List.of();
    }
    return List.of(regexError(C_IDENTIFIER_MSG, C_IDENTIFIER_FMT, "my_name", "MY_NAME", "MyName"));
  }

  /**
   * A strict environment variable name ({@code [-._a-zA-Z][-._a-zA-Z0-9]*}, not {@code .} or {@code
   * ..} or starting with {@code ..}): the rule before Kubernetes relaxed it.
   */
  public static List<String> isEnvVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (!ENV_VAR_NAME.matcher(value).matches()) {
      errs.add(
          regexError(
              ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
    }
    errs.addAll(hasChDirPrefix(value));
    return errs;
  }

  /**
   * An environment variable name as Kubernetes validates it today (feature {@code
   * RelaxedEnvironmentVariableValidation}, on by default since 1.32): non-empty, printable ASCII
   * other than {@code =}.
   */
  public static List<String> isRelaxedEnvVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (value.isEmpty()) {
      errs.add("environment variable name " + emptyError());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '=') {
        errs.add(RELAXED_ENV_VAR_NAME_MSG);
        break;
      }
    }
    return errs;
  }

  /** A key of a ConfigMap or Secret: at most 253 characters of {@code [-._a-zA-Z0-9]}. */
  public static List<String> isConfigMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (len(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errs.add(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!Formats.configMapKey(value)) {
      errs.add(
          regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
    }
    errs.addAll(hasChDirPrefix(value));
    return errs;
  }

  /**
   * An IANA service name (named ports): at most 15 characters of {@code [-a-z0-9]}, at least one
   * letter, no leading, trailing or consecutive hyphens.
   */
  public static List<String> isValidPortName(String port) {
    List<String> errs = new ArrayList<>();
    if (len(port) > PORT_NAME_MAX_LENGTH) {
      errs.add(maxLenError(PORT_NAME_MAX_LENGTH));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!ONE_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** A port number, 1 to 65535. */
  public static List<String> isValidPortNum(long port) {
    return isInRange(port, 1, 65535);
  }

  /** A number from {@code min} to {@code max}, inclusive. */
  public static List<String> isInRange(long value, long min, long max) {
    return value >= min && value <= max ? List.of() : List.of(inclusiveRangeError(min, max));
  }

  /** A percentage: digits followed by {@code %}. */
  public static List<String> isValidPercent(String value) {
    if (PERCENT.matcher(value).matches()) {
      return List.of();
    }
    return List.of(regexError(PERCENT_MSG, PERCENT_FMT, "1%", "93%"));
  }

  /** An HTTP header name ({@code [-A-Za-z0-9]+}). */
  public static List<String> isHttpHeaderName(String value) {
    if (HTTP_HEADER_NAME.matcher(value).matches()) {
      return List.of();
    }
    return List.of(regexError(HTTP_HEADER_NAME_MSG, HTTP_HEADER_NAME_FMT, "X-Header-Name"));
  }

  // ---- as field errors

  /** {@link #isDns1123Subdomain} as {@code Invalid value} errors at {@code path}. */
  public static List<FieldError> validateDns1123Subdomain(String value, FieldPath path) {
    return invalid(path, value, isDns1123Subdomain(value));
  }

  /** {@link #isDns1123Label} as {@code Invalid value} errors at {@code path}. */
  public static List<FieldError> validateDns1123Label(String value, FieldPath path) {
    return invalid(path, value, isDns1123Label(value));
  }

  /** {@link #isDns1035Label} as {@code Invalid value} errors at {@code path}. */
  public static List<FieldError> validateDns1035Label(String value, FieldPath path) {
    return invalid(path, value, isDns1035Label(value));
  }

  /** {@link #isQualifiedName} as {@code Invalid value} errors at {@code path}. */
  public static List<FieldError> validateQualifiedName(String value, FieldPath path) {
    return invalid(path, value, isQualifiedName(value));
  }

  /** {@link #isLabelValue} as {@code Invalid value} errors at {@code path}. */
  public static List<FieldError> validateLabelValue(String value, FieldPath path) {
    return invalid(path, value, isLabelValue(value));
  }

  /** {@link #isValidPortName} as {@code Invalid value} errors at {@code path}. */
  public static List<FieldError> validatePortName(String value, FieldPath path) {
    return invalid(path, value, isValidPortName(value));
  }

  /** {@link #isValidPortNum} as {@code Invalid value} errors at {@code path}. */
  public static List<FieldError> validatePortNum(long port, FieldPath path) {
    return invalid(path, port, isValidPortNum(port));
  }

  /** One {@code Invalid value} error per message, all at {@code path} with {@code value}. */
  public static List<FieldError> invalid(FieldPath path, Object value, List<String> messages) {
    if (messages.isEmpty()) {
      return List.of();
    }
    List<FieldError> errs = new ArrayList<>(messages.size());
    for (String m : messages) {
      errs.add(FieldError.invalid(path.toString(), value, m));
    }
    return errs;
  }

  static int len(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return n;
  }

  private static List<String> hasChDirPrefix(String value) {
    if (value.equals(".")) {
      return List.of("must not be '.'");
    }
    if (value.equals("..")) {
      return List.of("must not be '..'");
    }
    if (value.startsWith("..")) {
      return List.of("must not start with '..'");
    }
    return List.of();
  }
}
