package dev.keelson.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.store.internal.memory.MemoryStore;
import dev.keelson.store.spi.StoreProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoresTest {
  @Test
  void blankUriOpensTheMemoryStore() {
    try (Store s = Stores.open("")) {
      assertThat(s).isInstanceOf(MemoryStore.class);
    }
    try (Store s = Stores.open("memory:")) {
      assertThat(s).isInstanceOf(MemoryStore.class);
    }
  }

  @Test
  void unknownSchemeIsRejectedNamingTheKnownOnes() {
    assertThatThrownBy(() -> Stores.open("redis://localhost:6379"))
        .isInstanceOf(InvalidStoreUriException.class)
        .hasMessageContaining("redis")
        .hasMessageContaining("memory");
  }

  @Test
  void malformedUrisAreRejectedTyped() {
    assertThatThrownBy(() -> Stores.open("no-scheme-here"))
        .isInstanceOf(InvalidStoreUriException.class)
        .hasMessageContaining("no scheme");
    assertThatThrownBy(() -> Stores.open("file:dir with spaces and % bad"))
        .isInstanceOf(InvalidStoreUriException.class);
    assertThatThrownBy(() -> Stores.open("memory:something"))
        .isInstanceOf(InvalidStoreUriException.class);
  }

  @Test
  void twoProvidersForOneSchemeFailLoudlyNamingBoth() {
    StoreProvider a = new TestProvider("dup", Optional.empty());
    StoreProvider b = new TestProvider("dup", Optional.empty());
    assertThatThrownBy(() -> Stores.select("dup", List.of(a, b)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ambiguous")
        .hasMessageContaining(TestProvider.class.getName());
  }

  @Test
  void unavailableProviderSaysWhy() {
    StoreProvider p = new TestProvider("etcd", Optional.of("jetcd is not on the class path"));
    assertThatThrownBy(() -> Stores.select("etcd", List.of(p)))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("jetcd is not on the class path");
  }

  @Test
  void schemeMatchingIgnoresCase() {
    StoreProvider p = new TestProvider("memory", Optional.empty());
    assertThat(Stores.select("MEMORY", List.of(p))).isSameAs(p);
  }

  private record TestProvider(String scheme, Optional<String> unavailabilityReason)
      implements StoreProvider {
    @Override
    public Store open(StoreConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void configRejectsNonsenseSettings() {
    assertThatThrownBy(() -> StoreConfig.builder("memory:").maxRequestBytes(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreConfig.builder("memory:").watchBufferEvents(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void prefixEndFollowsEtcd() {
    assertThat(Keys.prefixEnd(new byte[] {'a', 'b'})).isEqualTo(new byte[] {'a', 'c'});
    assertThat(Keys.prefixEnd(new byte[] {'a', (byte) 0xff})).isEqualTo(new byte[] {'b'});
    assertThat(Keys.prefixEnd(new byte[] {(byte) 0xff})).isEmpty();
  }
}
