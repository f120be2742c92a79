package dev.keelson.apiserver.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Response compression as kube-apiserver does it (its {@code APIResponseCompression} feature, on by
 * default): a response of at least 128 KiB to a request that accepts {@code gzip} is sent gzipped
 * at level 1. Go clients (kubectl, client-go) ask for gzip on every request, so large lists travel
 * compressed; smaller responses are not worth the work.
 */
public final class Gzip {
  /** kube-apiserver's {@code defaultGzipThresholdBytes}. */
  public static final int MIN_BYTES = 128 * 1024;

  /** The headers of a gzipped JSON response. */
  public static final java.util.Map<String, String> GZIPPED_JSON =
      java.util.Map.of(
          "content-type",
          "application/json",
          "content-encoding",
          "gzip",
          "vary",
          "Accept-Encoding");

  private Gzip() {}

  /** Whether an {@code Accept-Encoding} value accepts gzip ({@code gzip;q=0} does not). */
  public static boolean accepts(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.split(",")) {
      String[] p = part.split(";");
      if (!p[0].trim().toLowerCase(Locale.ROOT).equals("gzip")) {
        continue;
      }
      for (int i = 1; i < p.length; i++) {
        String param = p[i].trim().toLowerCase(Locale.ROOT);
        if (param.startsWith("q=")) {
          try {
            return Double.parseDouble(param.substring(2)) > 0;
          } catch (NumberFormatException e) {
            return false;
          }
        }
      }
      return true;
    }
    return false;
  }

  static byte[] compress(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(512, body.length / 8));
    try (GZIPOutputStream gz = output(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: in memory
    }
    return out.toByteArray();
  }

  /**
   * A gzip stream at the level responses are compressed with, onto {@code out}; closing it ends the
   * stream and releases the deflater. Writes of at least a few kilobytes keep it efficient (each
   * write is one pass through the deflater): callers writing many small pieces buffer them first.
   */
  public static GZIPOutputStream output(OutputStream out) {
    try {
      return new GZIPOutputStream(out, 64 * 1024) {
        {
          def.setLevel(Deflater.BEST_SPEED);
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
