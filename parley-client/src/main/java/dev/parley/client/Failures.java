package dev.parley.client;

import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;

/** Connection failures in words for people, and the one kind that is not worth retrying. */
final class Failures {
  private Failures() {}

  /** A certificate the client does not trust: the same server will present it again. */
  static boolean isUntrustedCertificate(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  static String describe(Throwable cause) {
    if (cause == null) {
      return "the connection was lost";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ConnectException) {
      return "cannot connect (" + firstLine(root.getMessage()) + ")";
    }
    String message = root.getMessage();
    return message == null || message.isBlank()
        ? root.getClass().getSimpleName()
        : firstLine(message);
  }

  /** {@code 1.3 s}. */
  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
