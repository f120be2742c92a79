package dev.keelson.controllers.endpointslice;

import dev.keelson.api.discovery.v1.EndpointSlice;
import java.util.List;

/**
 * The writes that bring a Service's slices to the desired state.
 *
 * @param create slices to create (their names are generated)
 * @param update existing slices with new contents (same name and resourceVersion)
 * @param delete existing slices to delete
 */
record SlicePlan(
    List<EndpointSlice> create, List<EndpointSlice> update, List<EndpointSlice> delete) {
  SlicePlan {
    create = List.copyOf(create);
    update = List.copyOf(update);
    delete = List.copyOf(delete);
  }

  boolean isEmpty() {
    return create.isEmpty() && update.isEmpty() && delete.isEmpty();
  }
}
