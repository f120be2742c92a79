/**
 * The EndpointSlice controller: discovery.k8s.io/v1 EndpointSlices for every Service with a
 * selector, at most 100 endpoints each, one address type each, updated with as little churn as
 * Kubernetes' reconciler ({@link dev.keelson.controllers.endpointslice.EndpointSliceController}).
 */
package dev.keelson.controllers.endpointslice;
