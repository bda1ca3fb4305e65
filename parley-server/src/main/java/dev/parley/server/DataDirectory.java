package dev.parley.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.parley.server.store.PrivateFiles;

/**
 * Makes sure the data directory exists, is the server user's alone (0700: it holds password
 * hashes and private messages) and can be written, or says clearly why not.
 */
final class DataDirectory {
  private DataDirectory() {}

  static Path prepare(Path dir) {
    try {
      PrivateFiles.directory(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
      return dir;
    } catch (IOException | SecurityException e) {
      throw new ConfigException(
          "--data-dir: cannot use " + dir.toAbsolutePath() + " (" + reason(e) + ")", e);
    }
  }

  private static String reason(Exception e) {
    String name = e.getClass().getSimpleName();
    return switch (name) {
      case "FileAlreadyExistsException", "NotDirectoryException" -> "it is not a directory";
      case "AccessDeniedException" -> "permission denied";
      default -> e.getMessage() == null ? name : e.getMessage();
    };
  }
}
