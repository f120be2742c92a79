package dev.keelson.api.selector;

import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A label selector ({@code labels.Selector}): requirements that must all hold, kept sorted by key.
 * Immutable.
 *
 * <p>Two selectors match no requirement: {@link #everything()} (no requirements, matches every
 * label set) and {@link #nothing()} (matches none; what an absent {@code LabelSelector} means).
 * Both are written as the empty string.
 */
public final class Selector {
  private static final Selector EVERYTHING = new Selector(List.of(), false);
  private static final Selector NOTHING = new Selector(List.of(), true);
  private static final Comparator<Requirement> BY_KEY = Comparator.comparing(Requirement::key);

  private final List<Requirement> requirements;
  private final boolean nothing;

  private Selector(List<Requirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** Matches every label set; written {@code ""}. */
  public static Selector everything() {
    return EVERYTHING;
  }

  /** Matches no label set; written {@code ""}. */
  public static Selector nothing() {
    return NOTHING;
  }

  /**
   * Parses Kubernetes' text form: {@code a=b,c!=d,e in (x,y),f notin (z),g,!h}, also {@code a==b},
   * {@code x>1} and {@code x<1}. Blanks around tokens are ignored; {@code ""} is {@link
   * #everything()}. Keys must be qualified names and values label values. {@code a=} means "a is
   * the empty string" and {@code a in ()} "a is in {""}", as in Kubernetes.
   *
   * @throws IllegalArgumentException with Kubernetes' message, for example {@code unable to parse
   *     requirement: found '', expected: identifier} or {@code found ',', expected: !, identifier,
   *     or 'end of string'}
   */
  public static Selector parse(String text) {
    List<Requirement> parsed = SelectorParser.parse(text);
    return parsed.isEmpty() ? EVERYTHING : of(parsed);
  }

  /** All of {@code requirements} (sorted by key; the order among equal keys is kept). */
  public static Selector of(List<Requirement> requirements) {
    List<Requirement> sorted = new ArrayList<>(requirements);
    sorted.sort(BY_KEY);
    return new Selector(List.copyOf(sorted), false);
  }

  /**
   * This selector with {@code more} requirements ({@code Selector.Add}); {@link #nothing()} stays
   * nothing.
   */
  public Selector add(Requirement... more) {
    if (nothing || more.length == 0) {
      return this;
    }
    List<Requirement> all = new ArrayList<>(requirements);
    all.addAll(List.of(more));
    return of(all);
  }

  /**
   * Exact matches of every entry ({@code labels.ValidatedSelectorFromSet}); an empty map is {@link
   * #everything()}.
   *
   * @throws IllegalArgumentException for an invalid key or value
   */
  public static Selector matching(Map<String, String> labels) {
    List<Requirement> reqs = new ArrayList<>();
    labels.forEach((k, v) -> reqs.add(Requirement.of(k, Operator.EQUALS, List.of(v))));
    return reqs.isEmpty() ? EVERYTHING : of(reqs);
  }

  /**
   * The selector an object's {@code LabelSelector} stands for ({@code
   * metav1.LabelSelectorAsSelector}): {@code null} selects nothing, an empty one everything;
   * matchLabels become {@code key=value} and matchExpressions In, NotIn, Exists or DoesNotExist.
   *
   * @throws IllegalArgumentException for an unknown operator ({@code "Foo" is not a valid label
   *     selector operator}), missing or extra values, or invalid keys and values
   */
  public static Selector fromLabelSelector(LabelSelector selector) {
    if (selector == null) {
      return NOTHING;
    }
    if (selector.matchLabels().isEmpty() && selector.matchExpressions().isEmpty()) {
      return EVERYTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    selector
        .matchLabels()
        .forEach((k, v) -> reqs.add(Requirement.of(k, Operator.EQUALS, List.of(v))));
    for (LabelSelectorRequirement expr : selector.matchExpressions()) {
      String name = expr.operator();
      Operator op =
          switch (name == null ? "" : name) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default ->
                throw new IllegalArgumentException(
                    ErrorText.quote(name == null ? "" : name)
                        + " is not a valid label selector operator");
          };
      reqs.add(Requirement.of(expr.key() == null ? "" : expr.key(), op, expr.values()));
    }
    return of(reqs);
  }

  /**
   * This selector as an object's {@code LabelSelector} ({@code metav1.ParseToLabelSelector}):
   * {@code =} and {@code ==} become matchLabels, the set operators matchExpressions with sorted
   * values, {@code !=} a NotIn of one value. {@link #nothing()} is {@code null}.
   *
   * @throws IllegalArgumentException for {@code gt} and {@code lt}, which LabelSelector cannot
   *     express, or for two different exact values of one key
   */
  public LabelSelector toLabelSelector() {
    if (nothing) {
      return null;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    List<LabelSelectorRequirement> exprs = new ArrayList<>();
    for (Requirement r : requirements) {
      List<String> sorted = r.values().stream().sorted().distinct().toList();
      String op =
          switch (r.operator()) {
            case EQUALS, DOUBLE_EQUALS -> {
              String previous = labels.putIfAbsent(r.key(), r.values().get(0));
              if (previous != null && !previous.equals(r.values().get(0))) {
                throw new IllegalArgumentException(
                    "label selector cannot require both "
                        + r.key()
                        + "="
                        + previous
                        + " and "
                        + r.key()
                        + "="
                        + r.values().get(0));
              }
              yield null;
            }
            case IN -> "In";
            case NOT_IN, NOT_EQUALS -> "NotIn";
            case EXISTS -> "Exists";
            case DOES_NOT_EXIST -> "DoesNotExist";
            case GREATER_THAN, LESS_THAN ->
                throw new IllegalArgumentException(
                    ErrorText.quote(r.operator().kubernetesName())
                        + " isn't supported in label selectors");
          };
      if (op != null) {
        exprs.add(new LabelSelectorRequirement(r.key(), op, sorted));
      }
    }
    return new LabelSelector(labels, exprs);
  }

  /** Whether every requirement holds for {@code labels}; never for {@link #nothing()}. */
  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    for (Requirement r : requirements) {
      if (!r.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  /** The requirements, sorted by key (empty for everything and for nothing). */
  public List<Requirement> requirements() {
    return requirements;
  }

  /** True for a selector without requirements that matches everything. */
  public boolean isEverything() {
    return !nothing && requirements.isEmpty();
  }

  /** True for {@link #nothing()}. */
  public boolean isNothing() {
    return nothing;
  }

  /**
   * The single value the first requirement on {@code key} demands ({@code =}, {@code ==} or a
   * one-value {@code in}), as Kubernetes' {@code RequiresExactMatch}; used to narrow list queries.
   */
  public Optional<String> requiresExactMatch(String key) {
    for (Requirement r : requirements) {
      if (r.key().equals(key)) {
        boolean exact =
            r.operator() == Operator.EQUALS
                || r.operator() == Operator.DOUBLE_EQUALS
                || r.operator() == Operator.IN;
        return exact && r.values().size() == 1 ? Optional.of(r.values().get(0)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Kubernetes' canonical text: requirements sorted by key, joined by commas, values of a set
   * sorted ({@code a=b,c in (x,y),!d}). {@code ""} for everything and for nothing.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Requirement r : requirements) {
      b.append(b.length() > 0 ? "," : "").append(r);
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selector s && s.nothing == nothing && s.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }
}
