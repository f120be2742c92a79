package dev.keelson.store.internal.memory;

import dev.keelson.store.InvalidStoreUriException;
import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.spi.StoreProvider;

/** Provides {@code memory:}, the default store: no options, nothing survives the process. */
public final class MemoryStoreProvider implements StoreProvider {
  @Override
  public String scheme() {
    return "memory";
  }

  @Override
  public Store open(StoreConfig config) {
    String ssp = config.uri().getRawSchemeSpecificPart();
    if (ssp != null && !ssp.isEmpty() && !ssp.equals("?")) {
      throw new InvalidStoreUriException(
          "memory: takes no path or options, got '" + config.uri() + "'");
    }
    return new MemoryStore(config);
  }
}
