package dev.keelson.api.apiextensions.v1;

import dev.keelson.api.KubeModel;

/**
 * A CEL validation rule of a schema ({@code x-kubernetes-validations}).
 *
 * @param rule the CEL expression; {@code self} is the value at the rule's place in the schema
 * @param messageExpression a CEL expression that yields the failure message
 * @param reason the machine-readable reason of a failure, e.g. {@code FieldValueInvalid}
 * @param fieldPath the path, relative to the rule's place, that a failure is reported at
 * @param optionalOldSelf evaluate transition rules also when there is no old value
 */
@KubeModel
public record ValidationRule(
    String rule,
    String message,
    String messageExpression,
    String reason,
    String fieldPath,
    Boolean optionalOldSelf)
    implements ValidationRuleBuilder.With {}
