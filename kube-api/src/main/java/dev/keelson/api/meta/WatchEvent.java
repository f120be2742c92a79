package dev.keelson.api.meta;

/**
 * One event of a watch stream: {@code {"type":"ADDED","object":{...}}}.
 *
 * @param type {@code ADDED}, {@code MODIFIED}, {@code DELETED}, {@code BOOKMARK} or {@code ERROR}
 * @param object the object, or a {@link Status} for {@code ERROR}
 */
public record WatchEvent<T>(String type, T object) {
  public static final String ADDED = "ADDED";
  public static final String MODIFIED = "MODIFIED";
  public static final String DELETED = "DELETED";
  public static final String BOOKMARK = "BOOKMARK";
  public static final String ERROR = "ERROR";
}
