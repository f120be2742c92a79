package dev.keelson.controller.informer;

import dev.keelson.api.KubeList;
import dev.keelson.api.KubernetesObject;
import dev.keelson.client.ListOptions;
import dev.keelson.client.Resources;
import dev.keelson.client.Watch;
import dev.keelson.client.WatchListener;
import dev.keelson.client.WatchOptions;

/**
 * What an informer lists and watches (client-go's {@code ListerWatcher}): usually {@link
 * #of(Resources)}; tests may wrap one to inject failures.
 *
 * @param <T> the object type
 */
public interface ListWatch<T> {
  /** One page of the collection. */
  KubeList<T> list(ListOptions options);

  /** Starts a watch; see {@link Resources#watch}. */
  Watch watch(WatchOptions options, WatchListener<T> listener);

  /** A short description for logs and thread names, for example {@code configmaps}. */
  default String describe() {
    return "objects";
  }

  /** Lists and watches a kube-client view (its namespace, or all namespaces). */
  static <T extends KubernetesObject> ListWatch<T> of(Resources<T> resources) {
    return new ListWatch<>() {
      @Override
      public KubeList<T> list(ListOptions options) {
        return resources.list(options);
      }

      @Override
      public Watch watch(WatchOptions options, WatchListener<T> listener) {
        return resources.watch(options, listener);
      }

      @Override
      public String describe() {
        String ns = resources.namespace();
        return resources.type().groupResource() + (ns == null ? "" : " in " + ns);
      }
    };
  }
}
