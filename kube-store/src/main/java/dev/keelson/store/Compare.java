package dev.keelson.store;

import java.util.Arrays;

/**
 * One condition of a {@link Txn}, as etcd's {@code Compare}.
 *
 * <p>A missing key has create revision, mod revision and version 0; a {@link Target#VALUE}
 * comparison against a missing key is false.
 *
 * @param key the key compared
 * @param target what of the key is compared
 * @param operator how
 * @param number the operand for revision and version targets
 * @param value the operand for {@link Target#VALUE}, else {@code null}
 */
public record Compare(byte[] key, Target target, Operator operator, long number, byte[] value) {

  /** What of a key a comparison reads. */
  public enum Target {
    CREATE_REVISION,
    MOD_REVISION,
    VERSION,
    VALUE
  }

  /** The comparison operator; the key's property is the left operand. */
  public enum Operator {
    EQUAL,
    NOT_EQUAL,
    GREATER,
    LESS
  }

  public Compare {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("key must not be empty");
    }
    if ((target == Target.VALUE) != (value != null)) {
      throw new IllegalArgumentException("value operand is required for VALUE targets only");
    }
  }

  /** True when {@code key}'s mod revision is {@code revision} (0: the key is absent). */
  public static Compare modRevisionEquals(byte[] key, long revision) {
    return new Compare(key.clone(), Target.MOD_REVISION, Operator.EQUAL, revision, null);
  }

  /** True when {@code key} does not exist. */
  public static Compare absent(byte[] key) {
    return new Compare(key.clone(), Target.CREATE_REVISION, Operator.EQUAL, 0, null);
  }

  /** True when {@code key} exists. */
  public static Compare exists(byte[] key) {
    return new Compare(key.clone(), Target.CREATE_REVISION, Operator.GREATER, 0, null);
  }

  /** True when {@code key}'s version is {@code version}. */
  public static Compare versionEquals(byte[] key, long version) {
    return new Compare(key.clone(), Target.VERSION, Operator.EQUAL, version, null);
  }

  /** True when {@code key} exists with exactly {@code value}. */
  public static Compare valueEquals(byte[] key, byte[] value) {
    return new Compare(key.clone(), Target.VALUE, Operator.EQUAL, 0, value.clone());
  }

  /**
   * Evaluates this comparison against {@code current}, the key's latest version or {@code null}
   * when absent. Backends that evaluate locally use this so all of them agree.
   */
  public boolean test(KeyValue current) {
    if (target == Target.VALUE) {
      if (current == null) {
        return false;
      }
      int c = Arrays.compareUnsigned(current.value(), value);
      return apply(c);
    }
    long actual =
        current == null
            ? 0
            : switch (target) {
              case CREATE_REVISION -> current.createRevision();
              case MOD_REVISION -> current.modRevision();
              case VERSION -> current.version();
              case VALUE -> throw new AssertionError();
            };
    return apply(Long.compare(actual, number));
  }

  private boolean apply(int c) {
    return switch (operator) {
      case EQUAL -> c == 0;
      case NOT_EQUAL -> c != 0;
      case GREATER -> c > 0;
      case LESS -> c < 0;
    };
  }
}
