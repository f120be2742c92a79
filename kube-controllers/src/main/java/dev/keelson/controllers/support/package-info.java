/**
 * Small helpers that several built-in controllers share: controller references ({@link
 * dev.keelson.controllers.support.ControllerRefs}), pod state and service ports as the controllers
 * judge them ({@link dev.keelson.controllers.support.Pods}), and taints and tolerations ({@link
 * dev.keelson.controllers.support.Taints}).
 */
package dev.keelson.controllers.support;
