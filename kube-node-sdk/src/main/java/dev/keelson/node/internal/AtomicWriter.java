package dev.keelson.node.internal;

import dev.keelson.controller.time.Clock;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes an API-data volume the way kubelet's AtomicWriter does, so a container never sees a mix of
 * old and new files: the payload goes into a fresh timestamped directory ({@code
 * ..2006_01_02_15_04_05.<random>}), the {@code ..data} symlink is swapped to it by renaming a new
 * {@code ..data_tmp} link over it, and each top-level payload entry is a user-visible symlink
 * {@code name -> ..data/name}. The previous timestamped directory and user-visible links no longer
 * in the payload are removed afterwards. Writing an unchanged payload touches nothing.
 */
final class AtomicWriter {
  static final String DATA_DIR = "..data";
  private static final String DATA_TMP = "..data_tmp";
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss'.'").withZone(ZoneOffset.UTC);

  private final Path target;
  private final Clock clock;

  AtomicWriter(Path target, Clock clock) {
    this.target = target;
    this.clock = clock;
  }

  /**
   * Projects {@code payload} (relative path to file) into the target directory. Answers whether
   * anything changed. Bad paths raise {@link IllegalArgumentException}.
   */
  boolean write(Map<String, FileProjection> payload) throws IOException {
    for (String p : payload.keySet()) {
      validatePath(p);
    }
    Files.createDirectories(target);
    Path dataLink = target.resolve(DATA_DIR);
    Path oldTs = null;
    if (Files.isSymbolicLink(dataLink)) {
      oldTs = target.resolve(Files.readSymbolicLink(dataLink));
    }
    Set<String> visible = new HashSet<>();
    for (String p : payload.keySet()) {
      visible.add(Path.of(p).getName(0).toString());
    }
    if (oldTs != null && Files.isDirectory(oldTs) && sameContent(oldTs, payload)) {
      if (visibleLinksMatch(visible)) {
        return false;
      }
      makeVisibleLinks(visible);
      removeStaleLinks(visible);
      return true;
    }
    Path ts = newTimestampDir();
    for (var e : payload.entrySet()) {
      Path f = ts.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.write(f, e.getValue().data());
      Files.setPosixFilePermissions(f, permissions(e.getValue().mode()));
    }
    Path tmp = target.resolve(DATA_TMP);
    Files.deleteIfExists(tmp);
    Files.createSymbolicLink(tmp, ts.getFileName());
    Files.move(tmp, dataLink, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    makeVisibleLinks(visible);
    removeStaleLinks(visible);
    if (oldTs != null && !oldTs.equals(ts)) {
      deleteTree(oldTs);
    }
    return true;
  }

  private Path newTimestampDir() throws IOException {
    String prefix = TS.format(clock.instant());
    while (true) {
      Path p =
          target.resolve(prefix + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt()));
      try {
        Files.createDirectory(p);
        Files.setPosixFilePermissions(p, permissions(0755));
        return p;
      } catch (FileAlreadyExistsException e) {
        // try another suffix
      }
    }
  }

  private boolean sameContent(Path dir, Map<String, FileProjection> payload) throws IOException {
    Map<String, Path> files = new HashMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          files.put(dir.relativize(p).toString(), p);
        }
      }
    }
    if (!files.keySet().equals(payload.keySet())) {
      return false;
    }
    for (var e : payload.entrySet()) {
      Path f = files.get(e.getKey());
      if (!Arrays.equals(Files.readAllBytes(f), e.getValue().data())
          || !Files.getPosixFilePermissions(f).equals(permissions(e.getValue().mode()))) {
        return false;
      }
    }
    return true;
  }

  private boolean visibleLinksMatch(Set<String> visible) throws IOException {
    for (String v : visible) {
      if (!Files.isSymbolicLink(target.resolve(v))) {
        return false;
      }
    }
    return userVisible().equals(visible);
  }

  private void makeVisibleLinks(Set<String> visible) throws IOException {
    for (String v : visible) {
      Path link = target.resolve(v);
      if (!Files.isSymbolicLink(link)) {
        Files.createSymbolicLink(link, Path.of(DATA_DIR, v));
      }
    }
  }

  private void removeStaleLinks(Set<String> visible) throws IOException {
    for (String name : userVisible()) {
      if (!visible.contains(name)) {
        Files.deleteIfExists(target.resolve(name));
      }
    }
  }

  /** The entries of the target that are not kubelet's own ({@code ..}-prefixed). */
  private Set<String> userVisible() throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.list(target)) {
      s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("..")).forEach(out::add);
    }
    return out;
  }

  /**
   * Kubelet's payload path rules: relative, no {@code ..} element, none starting with {@code ..}.
   */
  static void validatePath(String p) {
    if (p.isEmpty()) {
      throw new IllegalArgumentException("invalid path: must not be empty: " + p);
    }
    if (p.length() > 4096) {
      throw new IllegalArgumentException(
          "invalid path: must be less than or equal to 4096 characters");
    }
    if (p.startsWith("/")) {
      throw new IllegalArgumentException("invalid path: must be relative path: " + p);
    }
    for (String el : p.split("/")) {
      if (el.equals("..")) {
        throw new IllegalArgumentException("invalid path: must not contain '..': " + p);
      }
    }
    if (p.startsWith("..")) {
      throw new IllegalArgumentException("invalid path: must not start with '..': " + p);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder b = new StringBuilder(9);
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      b.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(b.toString());
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.delete(p);
        } catch (NoSuchFileException e) {
          // gone already
        }
      }
    }
  }
}
