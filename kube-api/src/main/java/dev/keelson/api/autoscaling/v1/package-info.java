/**
 * {@code autoscaling/v1}: {@link dev.keelson.api.autoscaling.v1.Scale}, the body of every {@code
 * /scale} subresource.
 */
package dev.keelson.api.autoscaling.v1;
