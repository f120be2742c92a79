package dev.keelson.apiserver.auth.authz;

/**
 * An authorizer's answer.
 *
 * @param reason why (shown after the 403 message when not empty)
 */
public record Decision(Kind kind, String reason) {
  /** Allow, deny, or leave it to the next authorizer. */
  public enum Kind {
    ALLOW,
    DENY,
    NO_OPINION
  }

  public static final Decision ALLOW = new Decision(Kind.ALLOW, "");
  public static final Decision NO_OPINION = new Decision(Kind.NO_OPINION, "");

  public Decision {
    reason = reason == null ? "" : reason;
  }

  public boolean allowed() {
    return kind == Kind.ALLOW;
  }
}
