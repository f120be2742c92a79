package dev.keelson.api.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A field selector ({@code fields.Selector}): terms {@code field=value}, {@code field==value} or
 * {@code field!=value} that must all hold, for example {@code
 * metadata.name=x,status.phase!=Running}. Matched against the field values a resource exposes
 * ({@code metadata.name}, {@code metadata.namespace}, and per resource e.g. {@code spec.nodeName},
 * {@code status.phase}); the API server supplies that map and refuses fields a resource does not
 * support. Immutable.
 *
 * <p>Values may contain {@code \,} {@code \=} and {@code \\} (see {@link #escapeValue}); field
 * paths are taken literally (blanks included), as in Kubernetes. Set-based ({@code in}, {@code
 * notin}), existence ({@code key}, {@code !key}) and ordering ({@code >}, {@code <}) terms are not
 * field selector syntax and are refused.
 */
public final class FieldSelector {
  private static final FieldSelector EVERYTHING = new FieldSelector(List.of(), false);
  private static final FieldSelector NOTHING = new FieldSelector(List.of(), true);

  private final List<FieldRequirement> requirements;
  private final boolean nothing;

  private FieldSelector(List<FieldRequirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** Matches every object; written {@code ""}. */
  public static FieldSelector everything() {
    return EVERYTHING;
  }

  /** Matches no object; written {@code ""}. */
  public static FieldSelector nothing() {
    return NOTHING;
  }

  /** {@code field=value}, for example {@code metadata.name=x} as {@code kubectl get -w x} sends. */
  public static FieldSelector equal(String field, String value) {
    return new FieldSelector(List.of(new FieldRequirement(field, Operator.EQUALS, value)), false);
  }

  /** {@code field=value} for every entry, in field order. */
  public static FieldSelector matching(Map<String, String> fields) {
    List<FieldRequirement> reqs = new ArrayList<>();
    new TreeMap<>(fields).forEach((f, v) -> reqs.add(new FieldRequirement(f, Operator.EQUALS, v)));
    return reqs.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(reqs), false);
  }

  /**
   * Parses the text form as Kubernetes' {@code fields.ParseSelector}: terms split at unescaped
   * commas and sorted, empty terms skipped, each split at its first {@code !=}, {@code ==} or
   * {@code =}; the value unescaped. {@code ""} is {@link #everything()}.
   *
   * @throws IllegalArgumentException {@code invalid selector: 'a'; can't understand 'a' (field
   *     selectors support only the operators =, == and !=)} for a term without an operator, {@code
   *     invalid field selector: invalid escape sequence: \x} and {@code invalid field selector:
   *     unescaped character in value: '='}
   */
  public static FieldSelector parse(String text) {
    List<String> terms = splitTerms(text);
    terms.sort(null);
    List<FieldRequirement> reqs = new ArrayList<>();
    for (String term : terms) {
      if (term.isEmpty()) {
        continue;
      }
      FieldRequirement r = parseTerm(text, term);
      if (!r.field().isEmpty() || !r.value().isEmpty()) { // "=" alone selects everything
        reqs.add(r);
      }
    }
    return reqs.isEmpty() ? EVERYTHING : new FieldSelector(List.copyOf(reqs), false);
  }

  private static List<String> splitTerms(String text) {
    List<String> terms = new ArrayList<>();
    if (text.isEmpty()) {
      return terms;
    }
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        terms.add(text.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(text.substring(start));
    return terms;
  }

  private static FieldRequirement parseTerm(String text, String term) {
    for (int i = 0; i < term.length(); i++) {
      for (Operator op : List.of(Operator.NOT_EQUALS, Operator.DOUBLE_EQUALS, Operator.EQUALS)) {
        if (term.startsWith(op.kubernetesName(), i)) {
          String value = unescapeValue(term.substring(i + op.kubernetesName().length()));
          return new FieldRequirement(term.substring(0, i), op, value);
        }
      }
    }
    throw new IllegalArgumentException(
        "invalid selector: '"
            + text
            + "'; can't understand '"
            + term
            + "' (field selectors support only the operators =, == and !=)");
  }

  /** Escapes {@code \}, {@code ,} and {@code =} in a value ({@code fields.EscapeValue}). */
  public static String escapeValue(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == ',' || c == '=') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Undoes {@link #escapeValue} ({@code fields.UnescapeValue}).
   *
   * @throws IllegalArgumentException for another escape ({@code \x}), a trailing {@code \}, or an
   *     unescaped {@code ,} or {@code =}
   */
  public static String unescapeValue(String value) {
    if (value.indexOf('\\') < 0 && value.indexOf(',') < 0 && value.indexOf('=') < 0) {
      return value;
    }
    StringBuilder b = new StringBuilder(value.length());
    boolean escaped = false;
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          throw new IllegalArgumentException(
              "invalid field selector: invalid escape sequence: \\" + Character.toString(c));
        }
        b.appendCodePoint(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        throw new IllegalArgumentException(
            "invalid field selector: unescaped character in value: '" + (char) c + "'");
      } else {
        b.appendCodePoint(c);
      }
    }
    if (escaped) {
      throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\");
    }
    return b.toString();
  }

  /** Whether every term holds for {@code fields} (absent fields are {@code ""}). */
  public boolean matches(Map<String, String> fields) {
    if (nothing) {
      return false;
    }
    for (FieldRequirement r : requirements) {
      if (!r.matches(fields)) {
        return false;
      }
    }
    return true;
  }

  /** The terms in their canonical order (sorted by their text as written). */
  public List<FieldRequirement> requirements() {
    return requirements;
  }

  /** True for a selector without terms that matches everything. */
  public boolean isEverything() {
    return !nothing && requirements.isEmpty();
  }

  /** True for {@link #nothing()}. */
  public boolean isNothing() {
    return nothing;
  }

  /** The value a {@code field=value} term demands, as Kubernetes' {@code RequiresExactMatch}. */
  public Optional<String> requiresExactMatch(String field) {
    for (FieldRequirement r : requirements) {
      if (r.field().equals(field) && r.operator() == Operator.EQUALS) {
        return Optional.of(r.value());
      }
    }
    return Optional.empty();
  }

  /** Kubernetes' text: terms joined by commas, {@code ==} written {@code =}, values escaped. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (FieldRequirement r : requirements) {
      b.append(b.length() > 0 ? "," : "").append(r);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSelector s
        && s.nothing == nothing
        && s.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }
}
