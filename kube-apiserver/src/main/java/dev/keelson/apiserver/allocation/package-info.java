/**
 * Service cluster IP and node port allocation, as kube-apiserver's bitmap allocators: address and
 * port ranges, and the allocation bitmap that the API server keeps in the store (a {@code
 * RangeAllocation} under {@code /registry/ranges/}) and updates in the same transaction as the
 * Service that holds the allocation.
 */
package dev.keelson.apiserver.allocation;
