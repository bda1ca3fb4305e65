package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files that hold secrets (password hashes, token hashes, private messages,
 * private keys) are the server user's alone: directories 0700, files 0600. Existing ones with
 * wider permissions are narrowed. On a file system without POSIX permissions nothing changes.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /** Creates the directory (and missing parents) or narrows an existing one to 0700. */
  public static Path directory(Path dir) throws IOException {
    if (!POSIX) {
      return Files.createDirectories(dir);
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }
    narrow(dir, DIRECTORY);
    return dir;
  }

  /** Narrows each of these files that exists to 0600. */
  public static void narrowFiles(Path... files) throws IOException {
    for (Path file : files) {
      if (POSIX && Files.isRegularFile(file)) {
        narrow(file, FILE);
      }
    }
  }

  /** Writes a file that only its owner may read, whatever the umask. */
  public static void write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    if (POSIX) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    }
    Files.writeString(file, text);
  }

  private static void narrow(Path path, Set<PosixFilePermission> wanted) throws IOException {
    if (!Files.getPosixFilePermissions(path).equals(wanted)) {
      Files.setPosixFilePermissions(path, wanted);
    }
  }
}
