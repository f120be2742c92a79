/**
 * The StatefulSet controller: pods with stable names ({@code <set>-<ordinal>}) and claims ({@code
 * <template>-<set>-<ordinal>}), created in order (OrderedReady) or all at once (Parallel), updated
 * from the highest ordinal down to the partition, with the set's history as ControllerRevisions.
 */
package dev.keelson.controllers.statefulset;
