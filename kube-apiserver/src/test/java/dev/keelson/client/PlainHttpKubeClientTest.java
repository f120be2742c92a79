package dev.keelson.client;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;

/** The client contract over plain HTTP/1.1. */
class PlainHttpKubeClientTest extends KubeClientContractTest {
  @Override
  protected ApiServerConfig serverConfig() {
    return ApiServerConfig.loopback(0).plain();
  }

  @Override
  protected KubeClient connect(ApiServer server) {
    return KubeClient.connect(ClientConfig.builder(server.url()).build());
  }
}
