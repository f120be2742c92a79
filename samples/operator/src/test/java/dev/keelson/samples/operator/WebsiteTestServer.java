package dev.keelson.samples.operator;

import dev.keelson.api.apiextensions.v1.CustomResourceDefinition;
import dev.keelson.api.json.KubeJson;
import dev.keelson.client.KubeClient;
import dev.keelson.testkit.Eventually;
import dev.keelson.testkit.KeelsonExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The one place where tests make the API server serve Websites: a plain test server to which the
 * tests apply the sample's own CRD ({@code crd/websites.samples.keelson.dev.yaml}), as a user does.
 */
final class WebsiteTestServer {
  private WebsiteTestServer() {}

  /** A per-class test server; call {@link #installCrd} from {@code @BeforeAll}. */
  static KeelsonExtension servingWebsites() {
    return KeelsonExtension.perClass();
  }

  /** Creates the Website CRD and waits until the API server reports it Established. */
  static void installCrd(KubeClient client) throws InterruptedException {
    String yaml;
    try (InputStream in =
        WebsiteTestServer.class.getResourceAsStream("/crd/websites.samples.keelson.dev.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var crds = client.resources(CustomResourceDefinition.class);
    CustomResourceDefinition crd = KubeJson.decodeYaml(yaml, CustomResourceDefinition.class);
    crds.create(crd);
    Eventually.await(
        "the Website CRD Established",
        Duration.ofSeconds(15),
        () -> established(crds.get(crd.metadata().name())));
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd.status() != null
        && crd.status().conditions().stream()
            .anyMatch(c -> "Established".equals(c.type()) && "True".equals(c.status()));
  }
}
