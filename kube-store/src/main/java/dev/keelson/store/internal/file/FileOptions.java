package dev.keelson.store.internal.file;

import dev.keelson.store.InvalidStoreUriException;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Options of a {@code file:} URI: {@code file:<dir>[?snapshotBytes=<n>]}. {@code dir} may be
 * relative ({@code file:data/store}) or absolute ({@code file:/var/lib/keelson}, {@code
 * file:///var/lib/keelson}).
 *
 * @param dir the store directory
 * @param snapshotBytes log bytes after which a snapshot is taken (default 64 MiB)
 */
public record FileOptions(Path dir, long snapshotBytes) {
  public static final long DEFAULT_SNAPSHOT_BYTES = 64L << 20;

  public FileOptions {
    if (snapshotBytes <= 0) {
      throw new InvalidStoreUriException("snapshotBytes must be > 0");
    }
  }

  static FileOptions parse(URI uri) {
    String path;
    String query;
    if (uri.isOpaque()) {
      String ssp = uri.getSchemeSpecificPart();
      int q = ssp.indexOf('?');
      path = q < 0 ? ssp : ssp.substring(0, q);
      query = q < 0 ? null : ssp.substring(q + 1);
    } else {
      if (uri.getAuthority() != null) {
        throw new InvalidStoreUriException(
            "file: URIs name a local directory, not a host: '" + uri + "'");
      }
      path = uri.getPath();
      query = uri.getQuery();
    }
    if (path == null || path.isBlank()) {
      throw new InvalidStoreUriException("file: needs a directory, as in file:/var/lib/keelson");
    }
    long snapshotBytes = DEFAULT_SNAPSHOT_BYTES;
    if (query != null && !query.isEmpty()) {
      for (String kv : query.split("&")) {
        String[] parts = kv.split("=", 2);
        if (parts.length != 2 || !parts[0].equals("snapshotBytes")) {
          throw new InvalidStoreUriException(
              "unknown file: option '" + kv + "' (known: snapshotBytes=<n>)");
        }
        try {
          snapshotBytes = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
          throw new InvalidStoreUriException("snapshotBytes is not a number: '" + parts[1] + "'");
        }
      }
    }
    try {
      return new FileOptions(Path.of(path), snapshotBytes);
    } catch (InvalidPathException e) {
      throw new InvalidStoreUriException(
          "invalid directory in '" + uri + "': " + e.getMessage(), e);
    }
  }
}
