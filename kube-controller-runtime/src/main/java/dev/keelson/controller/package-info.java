/**
 * Controller runtime: work queues ({@code queue}), event sources and predicates ({@code source}),
 * reconcilers and controllers ({@code reconcile}), leader election ({@code leader}), event
 * recording ({@code events}) and time ({@code time}). Informers, indexers and listers implement
 * {@link dev.keelson.controller.source.EventSource}.
 */
package dev.keelson.controller;
