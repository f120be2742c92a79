package dev.keelson.api.patch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a strategic merge patch treats a field of a built-in kind: Kubernetes' {@code patchStrategy}
 * and {@code patchMergeKey} struct tags, written on record components.
 *
 * <p>Without this annotation a list is replaced whole by the patch, and an object is merged field
 * by field.
 *
 * <pre>{@code
 * @PatchStrategy(merge = true, key = "name") List<Container> containers    // merge by name
 * @PatchStrategy(merge = true) List<String> finalizers                      // merge as a set
 * @PatchStrategy(merge = true, key = "name", retainKeys = true) List<Volume> volumes
 * @PatchStrategy(retainKeys = true) DeploymentStrategy strategy             // clear unlisted keys
 * @PatchStrategy(replace = true) LabelSelector selector                     // replace whole
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD})
public @interface PatchStrategy {
  /**
   * Merge the list with the patch instead of replacing it: lists of objects by {@link #key()},
   * lists of scalars as a set.
   */
  boolean merge() default false;

  /** The field that identifies an element of a merged list of objects. */
  String key() default "";

  /** Honour {@code $retainKeys}: fields of the object not listed there are cleared. */
  boolean retainKeys() default false;

  /**
   * Go's {@code patchStrategy:"replace"} on an object field: a patch replaces the whole object
   * instead of merging into it field by field.
   */
  boolean replace() default false;
}
