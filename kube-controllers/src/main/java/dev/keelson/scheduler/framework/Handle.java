package dev.keelson.scheduler.framework;

import dev.keelson.client.KubeClient;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.controller.time.Clock;

/** What plugins may use of the scheduler that runs them. */
public interface Handle {
  /** The API client. */
  KubeClient client();

  /** The scheduler's event recorder. */
  EventRecorder events();

  /** The scheduler's clock. */
  Clock clock();

  /** Runs every filter plugin of the profile for {@code pod} on {@code node} (preemption). */
  Status runFilters(CycleState state, PodInfo pod, NodeInfo node);
}
