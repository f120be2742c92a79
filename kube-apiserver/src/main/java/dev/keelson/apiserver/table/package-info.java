/**
 * Server-side printing: the {@code meta.k8s.io/v1 Table} columns and cells that {@code kubectl get}
 * shows, per resource, computed from objects as JSON trees. A {@link
 * dev.keelson.apiserver.table.TableConvertor} always produces every column, the wide ones (priority
 * 1) included; the client hides those unless asked for {@code -o wide}, as with kube-apiserver.
 */
package dev.keelson.apiserver.table;
