package dev.parley.desktop.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads and writes {@link Settings} as {@code desktop.properties} in the config directory. The
 * file holds a login token, a secret: the directory is made owner-only ({@code rwx------}) and
 * the file owner-only ({@code rw-------}), written to a new file first and moved into place, so
 * that it is never readable by others, not even for a moment, and never half written.
 */
public final class SettingsStore {
  static final String FILE = "desktop.properties";
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private final Path directory;

  public SettingsStore(Path directory) {
    this.directory = directory;
  }

  public Path file() {
    return directory.resolve(FILE);
  }

  /** The settings kept, or empty ones when there is no file yet or it cannot be read. */
  public Settings load() {
    Path file = file();
    if (!Files.isRegularFile(file)) {
      return Settings.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return Settings.empty(); // unreadable or damaged: start afresh rather than not at all
    }
    ThemeChoice theme;
    try {
      theme = ThemeChoice.parse(p.getProperty("theme", "system"));
    } catch (IllegalArgumentException e) {
      theme = ThemeChoice.SYSTEM;
    }
    return new Settings(list(p, "server"), p.getProperty("user"), p.getProperty("token"),
        p.getProperty("token.server"), list(p, "room"), theme);
  }

  /** Writes the settings; an {@link UncheckedIOException} says why when it cannot. */
  public void save(Settings settings) {
    Properties p = new Properties();
    putList(p, "server", settings.servers());
    putList(p, "room", settings.rooms());
    putIfSet(p, "user", settings.user());
    putIfSet(p, "token", settings.token());
    putIfSet(p, "token.server", settings.tokenServer());
    p.setProperty("theme", settings.theme().word());
    try {
      createPrivateDirectory();
      Path temp = directory.resolve(FILE + ".new");
      Files.deleteIfExists(temp);
      createPrivateFile(temp);
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, "Parley desktop client: servers, last user, login token (never a password), theme");
      }
      try {
        Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
    }
  }

  private void createPrivateDirectory() throws IOException {
    if (Files.isDirectory(directory)) {
      if (posix()) {
        Files.setPosixFilePermissions(directory, OWNER_DIR);
      }
      return;
    }
    if (posix()) {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
    } else {
      Files.createDirectories(directory);
    }
  }

  private void createPrivateFile(Path file) throws IOException {
    FileAttribute<?>[] attributes = posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
    try {
      Files.createFile(file, attributes);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + " appeared while writing the settings", e);
    }
  }

  private boolean posix() {
    Path probe = Files.exists(directory) ? directory : directory.getParent();
    while (probe != null && !Files.exists(probe)) {
      probe = probe.getParent();
    }
    return probe != null && probe.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static List<String> list(Properties p, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; p.getProperty(prefix + "." + i) != null; i++) {
      values.add(p.getProperty(prefix + "." + i));
    }
    return values;
  }

  private static void putList(Properties p, String prefix, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      p.setProperty(prefix + "." + (i + 1), values.get(i));
    }
  }

  private static void putIfSet(Properties p, String key, String value) {
    if (value != null) {
      p.setProperty(key, value);
    }
  }
}
