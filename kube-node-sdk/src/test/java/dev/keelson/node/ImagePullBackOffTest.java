package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ContainerStatus;
import dev.keelson.api.core.v1.Event;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.client.ListOptions;
import dev.keelson.node.AgentHarness.SimNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A container whose image cannot be pulled waits as kubelet reports it: ErrImagePull after a failed
 * pull, then ImagePullBackOff while the pod's back-off for that image runs (10 s, doubling), with
 * kubelet's events; no pull is attempted inside the back-off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagePullBackOffTest {
  private static final String IMAGE = "sim/unpullable:1";

  /** The API server of the class's tests, closed after the last. */
  @RegisterExtension final AgentHarness h = new AgentHarness();

  private static ContainerStatus app(Pod p) {
    return p.status() == null ? null : p.status().containerStatus("app");
  }

  private static boolean waiting(Pod p, String reason) {
    ContainerStatus s = app(p);
    return s != null && s.state().waiting() != null && reason.equals(s.state().waiting().reason());
  }

  private long count(String ns, String reason, String message) {
    return h.client.resources(Event.class).inNamespace(ns).list(ListOptions.none()).items().stream()
        .filter(e -> e.reason().equals(reason) && e.message().equals(message))
        .mapToLong(e -> e.count() == null ? 1 : e.count())
        .sum();
  }

  @Test
  void aFailedPullBacksOffTenSecondsDoublingWithImagePullBackOffMeanwhile() {
    String ns = h.namespace();
    try (SimNode node = h.node()) {
      h.createPod(
          ns,
          node,
          """
          metadata: {name: web}
          spec:
            containers: [{name: app, image: "sim/unpullable:1"}]
          """);
      // A failed pull: the Failed events, and ErrImagePull in the status (the pod's own status
      // update may sync it again at once, inside the back-off: then ImagePullBackOff shows).
      Pod p =
          h.await(
              ns,
              "web",
              "ErrImagePull (or already ImagePullBackOff)",
              x -> waiting(x, "ErrImagePull") || waiting(x, "ImagePullBackOff"));
      String failed =
          "Failed to pull image \"sim/unpullable:1\": failed to pull and unpack image"
              + " \"sim/unpullable:1\": not found";
      if (waiting(p, "ErrImagePull")) {
        assertThat(app(p).state().waiting().message()).isEqualTo(failed);
      }
      assertThat(p.status().phase()).isEqualTo("Pending");
      String pulling = "Pulling image \"" + IMAGE + "\"";
      AgentHarness.awaitValue(
          "a Pulling event and kubelet's Failed events",
          () ->
              count(ns, "Pulling", pulling) == 1
                      && count(ns, "Failed", "Error: ErrImagePull") == 1
                      && count(ns, "Failed", failed) == 1
                  ? true
                  : null);

      // The retry 5 s later falls inside the 10 s back-off: no pull, ImagePullBackOff.
      node.clock().advance(Duration.ofSeconds(5));
      p = h.await(ns, "web", "ImagePullBackOff", x -> waiting(x, "ImagePullBackOff"));
      assertThat(app(p).state().waiting().message())
          .isEqualTo("Back-off pulling image \"sim/unpullable:1\"");
      AgentHarness.awaitValue(
          "kubelet's BackOff event",
          () ->
              count(ns, "BackOff", "Back-off pulling image \"" + IMAGE + "\"") >= 1
                      && count(ns, "Failed", "Error: ImagePullBackOff") >= 1
                  ? true
                  : null);
      assertThat(count(ns, "Pulling", pulling)).as("no pull inside the back-off").isEqualTo(1);

      // At 10 s the back-off is over: a second pull fails and doubles it to 20 s.
      node.clock().advance(Duration.ofSeconds(5));
      AgentHarness.awaitValue(
          "the second pull and its failure",
          () ->
              count(ns, "Pulling", pulling) == 2 && count(ns, "Failed", "Error: ErrImagePull") == 2
                  ? true
                  : null);
      node.clock().advance(Duration.ofSeconds(5));
      h.await(ns, "web", "ImagePullBackOff again", x -> waiting(x, "ImagePullBackOff"));
      node.clock().advance(Duration.ofSeconds(10));
      assertThat(count(ns, "Pulling", pulling))
          .as("15 s after the second failure, inside its 20 s back-off")
          .isEqualTo(2);
      node.clock().advance(Duration.ofSeconds(5));
      AgentHarness.awaitValue(
          "the third pull, 20 s after the second",
          () -> count(ns, "Pulling", pulling) == 3 ? true : null);
    }
  }
}
