package dev.keelson.controllers.namespace;

import dev.keelson.api.core.v1.Namespace;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.queue.QueueOptions;
import dev.keelson.controller.queue.RateLimiter;
import dev.keelson.controller.queue.RateLimitingQueue;
import dev.keelson.controller.source.ResourceEventHandler;
import dev.keelson.controller.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace lifecycle controller (kube-controller-manager's {@code namespace} controller). For
 * every namespace with a deletionTimestamp it deletes all namespaced content the server's discovery
 * lists (custom resources included), keeps the namespace's status conditions ({@code
 * NamespaceContentRemaining}, {@code NamespaceFinalizersRemaining}, ...) as Kubernetes does, looks
 * again after half the estimated remaining time plus a second while content remains (objects with
 * finalizers: 8 s), and removes the {@code kubernetes} finalizer through {@code
 * namespaces/{name}/finalize} once the namespace is empty, which lets the API server delete it.
 *
 * <pre>{@code
 * NamespaceController namespaces = new NamespaceController(client, informers, Clock.system());
 * namespaces.start();   // informers.start() as usual; the controller waits for its informer
 * ...
 * namespaces.close();
 * }</pre>
 *
 * <p>Failures retry per namespace with client-go's default controller backoff (5 ms doubling to
 * 1000 s, 10 qps overall); the queue is bounded ({@link QueueOptions#DEFAULT_MAX_DEPTH}).
 */
public final class NamespaceController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

  /** Workers by default (kube-controller-manager's --concurrent-namespace-syncs is 10). */
  public static final int DEFAULT_WORKERS = 2;

  private final SharedInformer<Namespace> informer;
  private final RateLimitingQueue<String> queue;
  private final NamespacedContentDeleter deleter;
  private final int workers;
  private final List<Thread> threads = new ArrayList<>();
  private boolean started;
  private boolean closed;

  /** A controller with {@link #DEFAULT_WORKERS} workers. */
  public NamespaceController(KubeClient client, InformerFactory informers, Clock clock) {
    this(client, informers, clock, DEFAULT_WORKERS);
  }

  /** A controller with {@code workers} workers (namespaces emptied at once). */
  public NamespaceController(
      KubeClient client, InformerFactory informers, Clock clock, int workers) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(informers, "informers");
    Objects.requireNonNull(clock, "clock");
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1: " + workers);
    }
    this.workers = workers;
    this.informer = informers.informer(Namespace.class);
    this.queue =
        RateLimitingQueue.create(
            QueueOptions.defaults().withName("namespace").withClock(clock),
            RateLimiter.controllerDefault(clock));
    this.deleter = new NamespacedContentDeleter(client, clock);
  }

  /** Starts the informer (if the factory has not) and the workers; idempotent. */
  public synchronized void start() {
    if (started || closed) {
      return;
    }
    started = true;
    informer.addHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Namespace ns, boolean initial) {
            enqueue(ns);
          }

          @Override
          public void onUpdate(Namespace old, Namespace ns) {
            enqueue(ns);
          }
        });
    informer.start();
    for (int i = 0; i < workers; i++) {
      Thread t = Thread.ofVirtual().name("namespace-controller-" + i).start(this::work);
      threads.add(t);
    }
  }

  /** Stops the workers; a namespace being processed finishes its pass. Idempotent. */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      closed = true;
      running = new ArrayList<>(threads);
    }
    queue.shutDown();
    for (Thread t : running) {
      try {
        t.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void enqueue(Namespace ns) {
    if (ns.metadata() != null && ns.metadata().deletionTimestamp() != null) {
      queue.add(ns.metadata().name());
    }
  }

  private void work() {
    try {
      while (!informer.hasSynced() && !queue.isShuttingDown()) {
        informer.waitForSync(Duration.ofMillis(100));
      }
      while (true) {
        String name = queue.get();
        if (name == null) {
          return;
        }
        try {
          long estimate = deleter.delete(name);
          queue.forget(name);
          if (estimate > 0) {
            long wait = estimate / 2 + 1;
            log.debug("content remaining in namespace {}, waiting {} seconds", name, wait);
            queue.addAfter(name, Duration.ofSeconds(wait));
          }
        } catch (RuntimeException e) {
          log.info("namespace {}: {}; retrying", name, e.getMessage());
          queue.addRateLimited(name);
        } finally {
          queue.done(name);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
