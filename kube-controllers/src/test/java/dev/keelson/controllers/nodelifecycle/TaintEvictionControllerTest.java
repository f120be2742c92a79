package dev.keelson.controllers.nodelifecycle;

import static dev.keelson.controllers.Fixtures.await;
import static dev.keelson.controllers.Fixtures.createRunning;
import static dev.keelson.controllers.Fixtures.pod;
import static dev.keelson.controllers.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Node;
import dev.keelson.api.core.v1.NodeSpecBuilder;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Taint;
import dev.keelson.api.core.v1.Toleration;
import dev.keelson.api.meta.DeleteOptionsBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.informer.InformerOptions;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.testkit.KeelsonTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The taint eviction controller's passes, called directly on a fake clock. */
@KeelsonTest(perTest = true)
class TaintEvictionControllerTest {
  private static final String KEY = "example.com/down";

  private static Pod tolerating(String name) {
    Pod p = pod("default", name, Map.of("app", "x"), "n1");
    return p.withSpec(
        p.spec().withTolerations(List.of(new Toleration(KEY, "Exists", null, "NoExecute", 100L))));
  }

  private static String uidInCache(InformerFactory informers) {
    return informers
        .informer(Pod.class)
        .indexer()
        .get("default", "p")
        .map(p -> p.metadata().uid())
        .orElse(null);
  }

  @Test
  void aPodMadeAgainUnderTheSameNameGetsItsOwnTolerationSeconds(KubeClient client, FakeClock clock)
      throws Exception {
    client
        .resources(Node.class)
        .create(
            new Node(
                null,
                null,
                ObjectMeta.named("n1"),
                NodeSpecBuilder.builder()
                    .taints(List.of(new Taint(KEY, null, "NoExecute", clock.instant())))
                    .build(),
                null));
    String first =
        createRunning(client, tolerating("p"), running(true, "10.7.0.1")).metadata().uid();
    try (InformerFactory informers =
        InformerFactory.create(client, clock, InformerOptions.defaults())) {
      TaintEvictionController eviction = new TaintEvictionController(client, informers, clock);
      informers.start();
      await("the pod in the cache", () -> first.equals(uidInCache(informers)) ? 1 : null);
      await(
          "the node in the cache",
          () -> informers.informer(Node.class).indexer().get("", "n1").orElse(null));
      Request r = Request.of("default", "p");
      assertThat(eviction.reconcile(r)).isEqualTo(Result.requeueAfter(Duration.ofSeconds(100)));

      clock.advance(Duration.ofSeconds(90));
      var pods = client.resources(Pod.class).inNamespace("default");
      pods.delete("p", DeleteOptionsBuilder.builder().gracePeriodSeconds(0L).build());
      String second =
          createRunning(client, tolerating("p"), running(true, "10.7.0.2")).metadata().uid();
      await("the new pod in the cache", () -> second.equals(uidInCache(informers)) ? 1 : null);
      assertThat(eviction.reconcile(r))
          .as("the new pod's 100 s start now")
          .isEqualTo(Result.requeueAfter(Duration.ofSeconds(100)));

      clock.advance(Duration.ofSeconds(11)); // 101 s after the first pod was seen
      assertThat(eviction.reconcile(r)).isEqualTo(Result.requeueAfter(Duration.ofSeconds(89)));
      assertThat(pods.get("p").metadata().deletionTimestamp()).isNull();
      eviction.close();
    }
  }
}
