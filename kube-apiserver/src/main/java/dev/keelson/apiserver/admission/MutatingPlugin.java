package dev.keelson.apiserver.admission;

/**
 * An admission plugin that may change the object ({@link Attributes#object()}, in place); runs
 * after defaulting and before the object's validation.
 */
public interface MutatingPlugin extends AdmissionPlugin {
  /** Admits (possibly changing the object) or throws the refusal. */
  void admit(Attributes attributes);
}
