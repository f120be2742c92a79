/**
 * Resource quota accounting shared by the API server's ResourceQuota admission and the
 * resourcequota controller: what one object uses of each quota resource name.
 */
package dev.keelson.api.quota;
