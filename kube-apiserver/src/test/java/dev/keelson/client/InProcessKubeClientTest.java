package dev.keelson.client;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;

/**
 * The client contract in-process: the server's handlers called directly, with no network listener
 * at all.
 */
class InProcessKubeClientTest extends KubeClientContractTest {
  @Override
  protected ApiServerConfig serverConfig() {
    return ApiServerConfig.loopback(0).withoutListener();
  }

  @Override
  protected KubeClient connect(ApiServer server) {
    return server.inProcessClient();
  }
}
