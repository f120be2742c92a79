package dev.keelson.watch;

import dev.keelson.store.Store;
import dev.keelson.store.Stores;

/** The watch cache on the embedded {@code memory:} store. */
class MemoryWatchCacheTest extends WatchCacheContractTest {
  @Override
  protected Store newStore() {
    return Stores.open("memory:");
  }
}
