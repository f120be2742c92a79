package dev.keelson.net.cni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fake CNI plugins for tests: shell scripts in a temp dir that record each call's CNI_* environment
 * and stdin, and answer with canned output and exit status per command.
 */
final class FakePlugins {
  static final String DEFAULT_VERSION =
      "{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"0.3.1\",\"0.4.0\",\"1.0.0\"]}";

  private static final String SCRIPT =
      """
      #!/bin/sh
      here="$(dirname "$0")"; name="$(basename "$0")"; rec="$here/records"
      mkdir -p "$rec"
      n=$(ls "$rec" | wc -l)
      f="$rec/$(printf %04d "$n")-$name-$CNI_COMMAND"
      cat > "$f.stdin"
      env | grep '^CNI_' | sort > "$f.env"
      if [ -f "$here/$name.$CNI_COMMAND.sleep" ]; then sleep "$(cat "$here/$name.$CNI_COMMAND.sleep")"; fi
      if [ -f "$here/$name.$CNI_COMMAND.out" ]; then cat "$here/$name.$CNI_COMMAND.out";
      elif [ "$CNI_COMMAND" = VERSION ]; then cat "$here/default.VERSION.out"; fi
      if [ -f "$here/$name.$CNI_COMMAND.err" ]; then cat "$here/$name.$CNI_COMMAND.err" >&2; fi
      if [ -f "$here/$name.$CNI_COMMAND.exit" ]; then exit "$(cat "$here/$name.$CNI_COMMAND.exit")"; fi
      exit 0
      """;

  final Path dir;

  FakePlugins(Path dir) throws IOException {
    this.dir = dir;
    Files.writeString(dir.resolve("default.VERSION.out"), DEFAULT_VERSION);
  }

  FakePlugins plugin(String type) throws IOException {
    Path p = dir.resolve(type);
    Files.writeString(p, SCRIPT);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return this;
  }

  FakePlugins answer(String type, CniCommand command, String stdout, int exit) throws IOException {
    Files.writeString(dir.resolve(type + "." + command + ".out"), stdout);
    Files.writeString(dir.resolve(type + "." + command + ".exit"), Integer.toString(exit));
    return this;
  }

  FakePlugins stderr(String type, CniCommand command, String text) throws IOException {
    Files.writeString(dir.resolve(type + "." + command + ".err"), text);
    return this;
  }

  FakePlugins sleep(String type, CniCommand command, int seconds) throws IOException {
    Files.writeString(dir.resolve(type + "." + command + ".sleep"), Integer.toString(seconds));
    return this;
  }

  /** One recorded call. */
  record Call(String plugin, String command, String env, String stdin) {
    String envVar(String name) {
      return env.lines()
          .filter(l -> l.startsWith(name + "="))
          .map(l -> l.substring(name.length() + 1))
          .findFirst()
          .orElse(null);
    }
  }

  /** Every call so far, in order. */
  List<Call> calls() throws IOException {
    Path rec = dir.resolve("records");
    List<Call> out = new ArrayList<>();
    if (!Files.isDirectory(rec)) {
      return out;
    }
    try (Stream<Path> s = Files.list(rec)) {
      for (Path stdin : s.filter(p -> p.toString().endsWith(".stdin")).sorted().toList()) {
        String base = stdin.getFileName().toString().replace(".stdin", "");
        String[] parts = base.split("-");
        String command = parts[parts.length - 1];
        String plugin = base.substring(5, base.length() - command.length() - 1);
        Path env = stdin.resolveSibling(base + ".env");
        out.add(
            new Call(
                plugin,
                command,
                Files.exists(env) ? Files.readString(env) : "",
                Files.readString(stdin, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** The calls other than VERSION. */
  List<Call> operations() throws IOException {
    return calls().stream().filter(c -> !c.command().equals("VERSION")).toList();
  }
}
