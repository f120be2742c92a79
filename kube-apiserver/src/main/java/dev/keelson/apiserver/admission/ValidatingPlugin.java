package dev.keelson.apiserver.admission;

/**
 * An admission plugin that only accepts or refuses; runs after every mutating plugin and the
 * object's validation, just before storage.
 */
public interface ValidatingPlugin extends AdmissionPlugin {
  /** Returns if the write may go on, or throws the refusal. */
  void validate(Attributes attributes);
}
