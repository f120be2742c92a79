package dev.keelson.api.registry;

import java.util.List;

/** The verb lists Kubernetes discovery reports, in its order. */
public final class Verbs {
  private Verbs() {}

  public static final String CREATE = "create";
  public static final String DELETE = "delete";
  public static final String DELETE_COLLECTION = "deletecollection";
  public static final String GET = "get";
  public static final String LIST = "list";
  public static final String PATCH = "patch";
  public static final String UPDATE = "update";
  public static final String WATCH = "watch";

  /** Every verb of a regular resource: {@code create, delete, deletecollection, get, list, ...}. */
  public static final List<String> ALL =
      List.of(CREATE, DELETE, DELETE_COLLECTION, GET, LIST, PATCH, UPDATE, WATCH);

  /** {@link #ALL} without {@code deletecollection} (namespaces). */
  public static final List<String> ALL_BUT_DELETE_COLLECTION =
      List.of(CREATE, DELETE, GET, LIST, PATCH, UPDATE, WATCH);

  /** {@code get, patch, update}: status, scale and similar subresources. */
  public static final List<String> GET_PATCH_UPDATE = List.of(GET, PATCH, UPDATE);

  /** {@code create}: bindings, evictions, token requests and reviews. */
  public static final List<String> CREATE_ONLY = List.of(CREATE);

  /** {@code create, get}: exec, attach and port-forward (POST, or GET for websockets). */
  public static final List<String> CREATE_GET = List.of(CREATE, GET);

  /** {@code create, delete, get, patch, update}: the proxy subresources. */
  public static final List<String> PROXY = List.of(CREATE, DELETE, GET, PATCH, UPDATE);
}
