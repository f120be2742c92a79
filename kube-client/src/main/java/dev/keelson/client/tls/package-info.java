/** TLS building blocks shared by the client, the API server and node agents. */
package dev.keelson.client.tls;
