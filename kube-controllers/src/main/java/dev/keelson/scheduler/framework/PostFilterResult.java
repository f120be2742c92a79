package dev.keelson.scheduler.framework;

/**
 * What a PostFilter plugin (preemption) did for a pod that fits nowhere.
 *
 * @param status success when it made room (the pod is nominated to {@code nominatedNode}), or why
 *     not (its message is appended to the FailedScheduling message)
 * @param nominatedNode the node the pod may run on once victims are gone, or {@code null}
 */
public record PostFilterResult(Status status, String nominatedNode) {}
