package dev.keelson.store;

import dev.keelson.store.spi.StoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Opens stores by URI. The provider is chosen by the URI's scheme among the {@link StoreProvider}s
 * found by {@link ServiceLoader}; a blank URI means {@code memory:}.
 *
 * <p>Selection fails loudly: an unknown scheme or a malformed URI throws {@link
 * InvalidStoreUriException}; two providers claiming one scheme throw {@link IllegalStateException}
 * naming both; a provider that cannot run here throws {@link UnavailableException} with its reason.
 */
public final class Stores {
  private Stores() {}

  /** Opens the store at {@code uri} with default settings. */
  public static Store open(String uri) {
    return open(StoreConfig.of(uri));
  }

  /** Opens the store described by {@code config}. */
  public static Store open(StoreConfig config) {
    return provider(config.uri().getScheme()).open(config);
  }

  /** The provider for {@code scheme} (case-insensitive) among those on the class path. */
  public static StoreProvider provider(String scheme) {
    return select(scheme, providers());
  }

  /** Picks the one provider of {@code all} serving {@code scheme}; failures as described above. */
  static StoreProvider select(String scheme, List<StoreProvider> all) {
    List<StoreProvider> matching = new ArrayList<>();
    for (StoreProvider p : all) {
      if (p.scheme().equalsIgnoreCase(scheme)) {
        matching.add(p);
      }
    }
    if (matching.isEmpty()) {
      throw new InvalidStoreUriException(
          "no store provider for scheme '"
              + scheme
              + "'; known schemes: "
              + all.stream().map(StoreProvider::scheme).sorted().collect(Collectors.joining(", ")));
    }
    if (matching.size() > 1) {
      throw new IllegalStateException(
          "ambiguous store providers for scheme '"
              + scheme
              + "': "
              + matching.stream()
                  .map(p -> p.getClass().getName())
                  .collect(Collectors.joining(", ")));
    }
    StoreProvider p = matching.get(0);
    p.unavailabilityReason()
        .ifPresent(
            reason -> {
              throw new UnavailableException(
                  "store provider '" + scheme + "' is unavailable: " + reason);
            });
    return p;
  }

  /**
   * Every provider on the class path, found once per JVM (the service loader reads and scans the
   * class path's provider files: a test kit opening a store per test paid that each time).
   * Providers are stateless factories; whether one is available is still asked at every open.
   */
  public static List<StoreProvider> providers() {
    return OnClassPath.PROVIDERS;
  }

  /** The class path's providers, loaded on first use. */
  private static final class OnClassPath {
    static final List<StoreProvider> PROVIDERS = load();

    private static List<StoreProvider> load() {
      List<StoreProvider> list = new ArrayList<>();
      ServiceLoader.load(StoreProvider.class, Stores.class.getClassLoader()).forEach(list::add);
      return List.copyOf(list);
    }
  }
}
