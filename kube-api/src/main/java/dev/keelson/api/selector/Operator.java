package dev.keelson.api.selector;

/**
 * The operator of a selector requirement ({@code selection.Operator}), with its Kubernetes name.
 */
public enum Operator {
  /** {@code key=value}. */
  EQUALS("="),
  /**
   * {@code key==value}: the same as {@link #EQUALS}, kept apart so that it is written back as is.
   */
  DOUBLE_EQUALS("=="),
  /** {@code key!=value}: also matches when the key is absent. */
  NOT_EQUALS("!="),
  /** {@code key in (a,b)}. */
  IN("in"),
  /** {@code key notin (a,b)}: also matches when the key is absent. */
  NOT_IN("notin"),
  /** {@code key}: the key is present. */
  EXISTS("exists"),
  /** {@code !key}: the key is absent. */
  DOES_NOT_EXIST("!"),
  /** {@code key>1}: the value is an integer greater than the given one. */
  GREATER_THAN("gt"),
  /** {@code key<1}: the value is an integer less than the given one. */
  LESS_THAN("lt");

  private final String kubernetesName;

  Operator(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  /** The name Kubernetes uses for the operator ({@code "in"}, {@code "!="}, {@code "gt"}, ...). */
  public String kubernetesName() {
    return kubernetesName;
  }
}
