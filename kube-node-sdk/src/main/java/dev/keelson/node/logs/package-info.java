/**
 * Container logs in the CRI log file format ({@code <RFC3339Nano> <stdout|stderr> <F|P> <msg>}, one
 * entry a line, long lines split into partial {@code P} entries ended by an {@code F} entry), as
 * containerd writes them at {@code /var/log/pods/<ns>_<pod>_<uid>/<container>/<restart>.log}:
 * {@link dev.keelson.node.logs.CriLogWriter} writes that format (the simulated runtime uses it) and
 * {@link dev.keelson.node.logs.CriLogReader} reads it back the way kubelet answers {@code
 * containerLogs} (tail, since, timestamps, limitBytes, follow).
 */
package dev.keelson.node.logs;
