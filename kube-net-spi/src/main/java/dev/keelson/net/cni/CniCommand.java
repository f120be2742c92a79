package dev.keelson.net.cni;

/** The {@code CNI_COMMAND} verbs Keelson runs (STATUS is CNI 1.1). */
public enum CniCommand {
  /** Attach a container to a network. */
  ADD,
  /** Detach a container from a network (idempotent). */
  DEL,
  /** Verify an attachment still matches the cached ADD result. */
  CHECK,
  /** Ask the plugin which spec versions it supports. */
  VERSION,
  /** CNI 1.1: ask whether the plugin is ready to serve ADDs. */
  STATUS
}
