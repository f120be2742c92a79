package dev.keelson.store.internal.etcd;

import dev.keelson.store.Store;
import dev.keelson.store.StoreConfig;
import dev.keelson.store.spi.StoreProvider;

/**
 * Provides {@code etcd://} stores: parses the URI into {@link EtcdOptions} (see there for the
 * format and options), connects and checks that etcd answers within the request timeout.
 */
public final class EtcdStoreProvider implements StoreProvider {
  @Override
  public String scheme() {
    return "etcd";
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.keelson.store.InvalidStoreUriException if the URI or an option is invalid
   * @throws dev.keelson.store.UnavailableException if etcd does not answer within the request
   *     timeout
   */
  @Override
  public Store open(StoreConfig config) {
    return EtcdStore.open(EtcdOptions.parse(config));
  }
}
