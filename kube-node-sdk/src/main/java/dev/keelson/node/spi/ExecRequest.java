package dev.keelson.node.spi;

import java.util.List;

/** CRI {@code ExecRequest}: a command and which streams to attach. */
public record ExecRequest(
    List<String> command, boolean tty, boolean stdin, boolean stdout, boolean stderr) {
  /** Copies the command. */
  public ExecRequest {
    command = List.copyOf(command);
  }
}
