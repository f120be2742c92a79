package dev.keelson.net.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code dig} against a server on loopback and parses what it prints. */
final class Dig {

  static final Path DIG = Path.of("/usr/bin/dig");

  /** One parsed dig run. */
  record Result(
      String status,
      List<String> flags,
      List<List<String>> answer,
      List<List<String>> authority,
      List<List<String>> additional,
      String output) {

    /** The data fields (after name, TTL, class, type) of answer records of {@code type}. */
    List<String> answerData(String type) {
      List<String> out = new ArrayList<>();
      for (List<String> r : answer) {
        if (r.get(3).equals(type)) {
          out.add(String.join(" ", r.subList(4, r.size())));
        }
      }
      return out;
    }
  }

  private Dig() {}

  static boolean available() {
    return Files.isExecutable(DIG);
  }

  static Result query(int port, String name, String type, String... options)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(DIG.toString());
    cmd.add("@127.0.0.1");
    cmd.add("-p");
    cmd.add(Integer.toString(port));
    cmd.add("+tries=1");
    cmd.add("+time=3");
    cmd.add("+nocookie");
    cmd.addAll(List.of(options));
    cmd.add(name);
    cmd.add(type);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("dig timed out: " + cmd);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return parse(out);
  }

  static Result parse(String out) {
    String status = null;
    List<String> flags = List.of();
    List<List<String>> answer = new ArrayList<>();
    List<List<String>> authority = new ArrayList<>();
    List<List<String>> additional = new ArrayList<>();
    List<List<String>> section = null;
    for (String line : out.split("\n")) {
      String l = line.strip();
      if (l.startsWith(";; ->>HEADER<<-")) {
        int i = l.indexOf("status: ");
        status = l.substring(i + 8, l.indexOf(',', i));
      } else if (l.startsWith(";; flags:")) {
        flags = List.of(l.substring(9, l.indexOf(';', 9)).strip().split(" "));
      } else if (l.equals(";; ANSWER SECTION:")) {
        section = answer;
      } else if (l.equals(";; AUTHORITY SECTION:")) {
        section = authority;
      } else if (l.equals(";; ADDITIONAL SECTION:")) {
        section = additional;
      } else if (l.isEmpty() || l.startsWith(";")) {
        section = l.isEmpty() ? null : section;
      } else if (section != null) {
        section.add(List.of(l.split("\\s+")));
      }
    }
    return new Result(status, flags, answer, authority, additional, out);
  }
}
