/**
 * The Deployment controller ({@link dev.keelson.controllers.deployment.DeploymentController}):
 * rolls pod templates out through ReplicaSets, as kube-controller-manager's.
 */
package dev.keelson.controllers.deployment;
