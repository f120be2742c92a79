/**
 * The Endpoints controller: one core/v1 Endpoints object per Service with a selector, listing the
 * ready and not-ready addresses of the pods it selects ({@link
 * dev.keelson.controllers.endpoints.EndpointsController}).
 */
package dev.keelson.controllers.endpoints;
