package dev.keelson.apiserver.admission;

/** The kind of write an admission plugin sees (admission.k8s.io's operations). */
public enum Operation {
  CREATE,
  UPDATE,
  DELETE,
  CONNECT
}
