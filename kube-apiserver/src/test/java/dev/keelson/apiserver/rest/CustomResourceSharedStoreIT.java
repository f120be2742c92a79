package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.rest.HttpApi.Answer;
import dev.keelson.store.testing.etcd.EtcdCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two API servers on one etcd: a CRD created through one is served by the other (it follows the
 * stored CRDs by watch), and a server started later serves it from the start.
 */
class CustomResourceSharedStoreIT {
  @Test
  void aCrdWrittenByOneServerIsServedByTheOthersAndAfterARestart() throws Exception {
    Optional<String> unavailable = EtcdCluster.unavailabilityReason();
    assumeTrue(unavailable.isEmpty(), () -> "etcd not available: " + unavailable.orElse(""));
    try (EtcdCluster etcd = EtcdCluster.start(1)) {
      String uri = etcd.storeUri("/crd-shared");
      try (ApiServer a = ApiServer.start(ApiServerConfig.loopback(0).plain().withStoreUri(uri));
          ApiServer b = ApiServer.start(ApiServerConfig.loopback(0).plain().withStoreUri(uri))) {
        HttpApi apiA = new HttpApi(a);
        HttpApi apiB = new HttpApi(b);
        Answer created =
            apiA.post(
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                CustomResourceApiTest.widgetCrd("shared.example.com"));
        assertThat(created.code()).as(created.raw().body()).isEqualTo(201);
        String widgets = "/apis/shared.example.com/v1/namespaces/default/widgets";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (apiB.get(widgets).code() != 200) {
          assertThat(Instant.now()).as("served by the second server in time").isBefore(deadline);
          Thread.sleep(20);
        }
        Answer w =
            apiB.post(
                widgets,
                "{'apiVersion':'shared.example.com/v1','kind':'Widget','metadata':{'name':'w'},"
                    + "'spec':{'size':'s','replicas':50}}");
        assertThat(w.code()).as("validated by the schema on the second server").isEqualTo(422);
      }
      try (ApiServer c = ApiServer.start(ApiServerConfig.loopback(0).plain().withStoreUri(uri))) {
        Answer list = new HttpApi(c).get("/apis/shared.example.com/v1/namespaces/default/widgets");
        assertThat(list.code()).as("served at start, without waiting").isEqualTo(200);
      }
    }
  }
}
