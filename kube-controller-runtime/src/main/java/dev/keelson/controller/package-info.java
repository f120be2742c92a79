/**
 * Controller runtime: informers, listers and indexers, rate-limited work queues, reconcilers,
 * leader election and test support. (Not built yet: see the project's issues.)
 */
package dev.keelson.controller;
