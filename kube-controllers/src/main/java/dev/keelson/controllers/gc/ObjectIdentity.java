package dev.keelson.controllers.gc;

/**
 * Where an object lives and which incarnation it is: the coordinates an owner reference or a watch
 * event names, plus the uid.
 *
 * @param apiVersion {@code v1}, {@code apps/v1}, ...
 * @param kind the kind
 * @param namespace the namespace, {@code ""} for cluster-scoped objects
 * @param name the name
 * @param uid the uid
 */
record ObjectIdentity(String apiVersion, String kind, String namespace, String name, String uid) {
  ObjectIdentity {
    namespace = namespace == null ? "" : namespace;
  }

  /** The API group of {@link #apiVersion()} ({@code ""} for the core group). */
  String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  @Override
  public String toString() {
    return "["
        + apiVersion
        + "/"
        + kind
        + ", namespace: "
        + namespace
        + ", name: "
        + name
        + ", uid: "
        + uid
        + "]";
  }
}
