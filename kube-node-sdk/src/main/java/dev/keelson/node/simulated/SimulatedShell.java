package dev.keelson.node.simulated;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The few commands a simulated container runs: {@code echo}, {@code env}, {@code hostname}, {@code
 * cat FILE...} (files of the image, {@code /etc/hostname}), {@code cat} (stdin to stdout), {@code
 * true}, {@code false}, {@code exit N}, and {@code sh -c SCRIPT} whose script is these commands
 * separated by {@code ;}, {@code &&}, {@code ||} or newlines (words in single or double quotes;
 * {@code >&2} sends a command's output to stderr); {@code sh} alone reads its script from stdin, a
 * line at a time, until {@code exit} or the end of it. Unknown commands write {@code sh: NAME: not
 * found} to stderr and exit 127; with {@code lenient} (a container's main process, whose unknown
 * commands such as {@code sleep} just run) they write nothing and succeed.
 */
final class SimulatedShell {
  private final String hostname;
  private final Map<String, String> env;
  private final Map<String, String> files;
  private final boolean lenient;

  SimulatedShell(
      String hostname, Map<String, String> env, Map<String, String> files, boolean lenient) {
    this.hostname = hostname;
    TreeMap<String, String> e = new TreeMap<>(env);
    e.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    e.putIfAbsent("HOSTNAME", hostname);
    this.env = e;
    this.files = files;
    this.lenient = lenient;
  }

  /** How an interactive session ended: by {@code exit} (the shell is gone) or at end of input. */
  record Ended(int code, boolean byExit) {}

  /**
   * An interactive shell on {@code in} (a container's {@code sh} with its stdin attached): runs
   * each line as it comes, until {@code exit} or the end of the input.
   */
  Ended session(InputStream in, OutputStream out, OutputStream err) throws IOException {
    try {
      return new Ended(interactive(in, out, err), false);
    } catch (Exit e) {
      return new Ended(e.code, true);
    }
  }

  /** Whether {@code argv} is a shell with no script: one that reads its commands from stdin. */
  static boolean readsStdin(List<String> argv) {
    if (argv.size() != 1) {
      return false;
    }
    String name = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
    return name.equals("sh") || name.equals("bash") || name.equals("ash");
  }

  /** Runs {@code argv}; answers its exit code. */
  int run(List<String> argv, InputStream in, OutputStream out, OutputStream err)
      throws IOException {
    try {
      return command(argv, in, out, err);
    } catch (Exit e) {
      return e.code;
    }
  }

  private int command(List<String> argv, InputStream in, OutputStream out, OutputStream err)
      throws IOException {
    if (argv.contains(">&2") || argv.contains("1>&2")) {
      List<String> rest = new ArrayList<>(argv);
      rest.removeIf(w -> w.equals(">&2") || w.equals("1>&2"));
      return command(rest, in, err, err);
    }
    if (argv.isEmpty()) {
      return 0;
    }
    String name = argv.get(0);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    List<String> args = argv.subList(1, argv.size());
    switch (name) {
      case "sh", "bash", "ash" -> {
        if (args.size() >= 2 && args.get(0).equals("-c")) {
          return script(args.get(1), in, out, err);
        }
        return interactive(in, out, err);
      }
      case "echo" -> {
        boolean newline = true;
        List<String> words = args;
        if (!words.isEmpty() && words.get(0).equals("-n")) {
          newline = false;
          words = words.subList(1, words.size());
        }
        write(out, String.join(" ", words) + (newline ? "\n" : ""));
        return 0;
      }
      case "env", "printenv" -> {
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        write(out, b.toString());
        return 0;
      }
      case "hostname" -> {
        write(out, hostname + "\n");
        return 0;
      }
      case "cat" -> {
        if (args.isEmpty() || args.equals(List.of("-"))) {
          in.transferTo(out);
          out.flush();
          return 0;
        }
        int code = 0;
        for (String f : args) {
          String content = file(f);
          if (content == null) {
            write(err, "cat: can't open '" + f + "': No such file or directory\n");
            code = 1;
          } else {
            write(out, content);
          }
        }
        return code;
      }
      case "true" -> {
        return 0;
      }
      case "false" -> {
        return 1;
      }
      case "exit" -> {
        throw new Exit(args.isEmpty() ? 0 : exitCode(args.get(0)));
      }
      default -> {
        if (lenient) {
          return 0;
        }
        write(err, "sh: " + name + ": not found\n");
        return 127;
      }
    }
  }

  /**
   * A shell reading its script from {@code in}: each line runs as it comes, until {@code exit} or
   * the end of the input; answers the last command's exit code (or exit's).
   */
  private int interactive(InputStream in, OutputStream out, OutputStream err) throws IOException {
    java.io.BufferedReader lines =
        new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    int code = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (!line.isBlank()) {
        code = script(line, in, out, err);
      }
    }
    return code;
  }

  private String file(String path) {
    if (path.equals("/etc/hostname")) {
      return hostname + "\n";
    }
    return files.get(path);
  }

  private int script(String script, InputStream in, OutputStream out, OutputStream err)
      throws IOException {
    int code = 0;
    String op = ";";
    for (Object[] step : parse(script)) {
      @SuppressWarnings("unchecked")
      List<String> words = (List<String>) step[0];
      boolean run = op.equals(";") || (op.equals("&&") == (code == 0));
      if (run && !words.isEmpty()) {
        code = command(words, in, out, err);
      }
      op = (String) step[1];
    }
    return code;
  }

  /** Splits a script into commands (words) and the operator after each. */
  private static List<Object[]> parse(String script) {
    List<Object[]> steps = new ArrayList<>();
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"') {
        int end = script.indexOf(c, i + 1);
        if (end < 0) {
          end = script.length();
        }
        if (word == null) {
          word = new StringBuilder();
        }
        word.append(script, i + 1, end);
        i = end + 1;
        continue;
      }
      String op = null;
      if (c == ';' || c == '\n') {
        op = ";";
      } else if (script.startsWith("&&", i)) {
        op = "&&";
      } else if (script.startsWith("||", i)) {
        op = "||";
      }
      if (op != null || Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        if (op != null) {
          steps.add(new Object[] {words, op});
          words = new ArrayList<>();
          i += op.equals(";") ? 1 : 2;
        } else {
          i++;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
      }
      word.append(c);
      i++;
    }
    if (word != null) {
      words.add(word.toString());
    }
    steps.add(new Object[] {words, ";"});
    return steps;
  }

  private static int exitCode(String n) {
    try {
      return Integer.parseInt(n.trim()) & 0xFF;
    } catch (NumberFormatException e) {
      return 2;
    }
  }

  private static void write(OutputStream o, String s) throws IOException {
    o.write(s.getBytes(StandardCharsets.UTF_8));
    o.flush();
  }

  /** {@code exit N}: ends the whole shell. */
  private static final class Exit extends RuntimeException {
    final int code;

    Exit(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }
}
