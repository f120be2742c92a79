package dev.keelson.node.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A runtime that runs exec and attach sessions itself, in this process, instead of answering {@link
 * ContainerRuntime#exec} with a streaming server's URL (the simulated runtime). The node server
 * carries the streams over the WebSocket channel protocol. Methods block until the session ends and
 * are called from virtual threads.
 */
public interface InProcessExec {

  /**
   * Runs {@code request.command()} in a running container.
   *
   * @param stdin the client's input (empty when not attached; ends when the client closes it)
   * @param stdout where the command's output goes (discarded when not attached)
   * @param stderr where its error output goes (discarded when not attached)
   * @return the command's exit code
   * @throws NotFoundException when the container is unknown
   * @throws IllegalStateException when it is not running
   */
  int exec(
      String containerId,
      ExecRequest request,
      InputStream stdin,
      OutputStream stdout,
      OutputStream stderr)
      throws IOException, InterruptedException;

  /**
   * Attaches to a running container's streams: its output from now on reaches {@code stdout} and
   * {@code stderr} until it exits (or the caller is interrupted); {@code stdin}, {@code null} when
   * the client attaches without input, reaches its input. Runtimes that cannot attach throw {@link
   * UnsupportedOperationException}.
   *
   * @return the container's exit code, or 0 when the caller left before it exited
   */
  default int attach(
      String containerId, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws IOException, InterruptedException {
    throw new UnsupportedOperationException("this runtime cannot attach to containers");
  }
}
