package dev.keelson.store.internal.memory;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.StoreContractTest;
import dev.keelson.store.Stores;
import java.util.function.Consumer;

/** The contract suite against {@code memory:}. */
class MemoryStoreTest extends StoreContractTest {
  @Override
  protected Store newStore(Consumer<StoreConfig.Builder> customizer) {
    StoreConfig.Builder b = StoreConfig.builder("memory:");
    customizer.accept(b);
    return Stores.open(b.build());
  }
}
