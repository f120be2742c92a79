/**
 * The resourcequota controller: each ResourceQuota's {@code status.hard} and {@code status.used}.
 */
package dev.keelson.controllers.resourcequota;
