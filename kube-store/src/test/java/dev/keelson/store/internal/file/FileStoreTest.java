package dev.keelson.store.internal.file;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.StoreContractTest;
import dev.keelson.store.Stores;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite against {@code file:}. */
class FileStoreTest extends StoreContractTest {
  @TempDir Path tmp;
  private final AtomicInteger n = new AtomicInteger();

  @Override
  protected Store newStore(Consumer<StoreConfig.Builder> customizer) {
    StoreConfig.Builder b = StoreConfig.builder("file:" + tmp.resolve("s" + n.incrementAndGet()));
    customizer.accept(b);
    return Stores.open(b.build());
  }
}
