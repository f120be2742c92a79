package dev.keelson.node.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.KubeJson;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A pod record takes the source's newer copies without waiting for a sync. */
class PodRecordTest {
  private static Pod pod(String resourceVersion) {
    return KubeJson.decodeYaml(
        "metadata: {name: p, namespace: ns, uid: u, resourceVersion: '"
            + resourceVersion
            + "'}\nspec: {containers: [{name: app, image: nginx}]}",
        Pod.class);
  }

  @Test
  void theNewestCopyIsKeptByResourceVersion() {
    PodRecord rec = new PodRecord("u", pod("5"));
    assertThat(rec.offer(pod("7")).metadata().resourceVersion()).isEqualTo("5");
    assertThat(rec.offer(pod("6")).metadata().resourceVersion()).isEqualTo("7");
    assertThat(rec.newest().metadata().resourceVersion()).isEqualTo("7");
    assertThat(rec.pod.metadata().resourceVersion())
        .as("what a sync works on changes only when a sync takes the newest")
        .isEqualTo("5");
  }

  @Test
  void offeringACopyDoesNotWaitForASyncHoldingTheRecord() throws Exception {
    PodRecord rec = new PodRecord("u", pod("1"));
    try (HeldMonitor sync = HeldMonitor.of(rec)) { // a sync pulling an image, say
      CompletableFuture.runAsync(
              () -> {
                rec.offer(pod("2"));
                rec.removed = true;
              })
          .get(5, TimeUnit.SECONDS);
      assertThat(rec.newest().metadata().resourceVersion()).isEqualTo("2");
    }
  }
}
