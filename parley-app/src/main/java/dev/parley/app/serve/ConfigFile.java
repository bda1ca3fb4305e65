package dev.parley.app.serve;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@code --config} file: Java properties in UTF-8 whose keys are {@code serve}'s long flag
 * names without the dashes ({@code tcp-port=7070}, {@code no-guests=true}). Read whole when
 * opened, so a key no flag has, or a file that cannot be read, is refused before anything starts.
 */
final class ConfigFile {
  private final Path path;
  private final Map<String, String> values;

  private ConfigFile(Path path, Map<String, String> values) {
    this.path = path;
    this.values = values;
  }

  /**
   * Reads {@code path}; {@code keys} are the keys the file may hold. Throws {@link
   * IllegalArgumentException} with a message that names the file (and the key, if that is it).
   */
  static ConfigFile read(Path path, Set<String> keys) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) { // IAE: a malformed \\uXXXX escape
      throw new IllegalArgumentException("--config: cannot read " + path + ": " + reason(e), e);
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException("--config: " + path + ": unknown key '" + key + "'");
      }
      values.put(key, properties.getProperty(key).strip()); // properties keep trailing blanks
    }
    return new ConfigFile(path, values);
  }

  /** The value of {@code key}, or null when the file does not set it. */
  String value(String key) {
    return values.get(key);
  }

  /** How an error names a value from this file: {@code /etc/parley.properties, key tcp-port}. */
  String origin(String key) {
    return path + ", key " + key;
  }

  private static String reason(Exception e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "not UTF-8 text";
    }
    return String.valueOf(e.getMessage());
  }
}
