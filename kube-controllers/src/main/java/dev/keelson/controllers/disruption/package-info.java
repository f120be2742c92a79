/** The disruption controller: the status of PodDisruptionBudgets, which evictions consult. */
package dev.keelson.controllers.disruption;
