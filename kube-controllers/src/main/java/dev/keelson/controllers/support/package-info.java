/**
 * Small helpers that several built-in controllers share: controller references ({@link
 * dev.keelson.controllers.support.ControllerRefs}) and pod state as the controllers judge it
 * ({@link dev.keelson.controllers.support.Pods}).
 */
package dev.keelson.controllers.support;
