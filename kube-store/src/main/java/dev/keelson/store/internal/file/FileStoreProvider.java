package dev.keelson.store.internal.file;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.UnavailableException;
import dev.keelson.store.spi.StoreProvider;
import java.io.IOException;

/** Provides {@code file:<dir>[?snapshotBytes=<n>]}: see {@link FileOptions}. */
public final class FileStoreProvider implements StoreProvider {
  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public Store open(StoreConfig config) {
    FileOptions options = FileOptions.parse(config.uri());
    try {
      return new FileStore(config, options);
    } catch (IOException e) {
      throw new UnavailableException("cannot open store in " + options.dir() + ": " + e, e);
    }
  }
}
