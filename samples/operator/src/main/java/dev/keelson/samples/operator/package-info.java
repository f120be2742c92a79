/**
 * A sample operator: the custom resource {@link dev.keelson.samples.operator.Website}
 * (samples.keelson.dev/v1) and a controller that runs each Website as a Deployment and a Service,
 * wired with the controller {@link dev.keelson.controller.manager.Manager}.
 */
package dev.keelson.samples.operator;
