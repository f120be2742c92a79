package dev.keelson.node;

/** Go duration strings as kubelet prints them in backoff messages. */
final class PodWorkersNames {
  private PodWorkersNames() {}

  static String go(long seconds) {
    return seconds < 60 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
  }
}
