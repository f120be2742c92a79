package dev.keelson.controller.leader;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.client.Resources;
import java.util.Objects;

/**
 * Reads and writes the one Lease an election is about (client-go's {@code resourcelock.Interface}).
 * Writes are optimistic: {@link #update} sends the resourceVersion it was given, so a concurrent
 * writer makes it fail with a {@link dev.keelson.api.errors.ConflictException}; {@link #create}
 * fails with an {@link dev.keelson.api.errors.AlreadyExistsException} if someone created it first.
 */
public interface LeaseLock {

  /** The lease, or {@code null} if it does not exist. */
  Lease get();

  /** Creates the lease. */
  Lease create(Lease lease);

  /** Replaces the lease if its resourceVersion is still current. */
  Lease update(Lease lease);

  /** The lease's namespace. */
  String namespace();

  /** The lease's name. */
  String name();

  /** {@code namespace/name} of the lease, for logs. */
  default String describe() {
    return namespace() + "/" + name();
  }

  /** The lease {@code name} in the namespace of {@code leases} (which must have one). */
  static LeaseLock of(Resources<Lease> leases, String name) {
    Objects.requireNonNull(leases, "leases");
    Objects.requireNonNull(name, "name");
    if (leases.namespace() == null) {
      throw new IllegalArgumentException("leases must be in a namespace: use inNamespace(...)");
    }
    return new LeaseLock() {
      @Override
      public Lease get() {
        try {
          return leases.get(name);
        } catch (NotFoundException e) {
          return null;
        }
      }

      @Override
      public Lease create(Lease lease) {
        return leases.create(lease);
      }

      @Override
      public Lease update(Lease lease) {
        return leases.update(lease);
      }

      @Override
      public String namespace() {
        return leases.namespace();
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
