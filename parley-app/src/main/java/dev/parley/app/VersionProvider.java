package dev.parley.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads {@code parley-version.properties}, which Maven fills in with the project version. */
public final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "/parley-version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"parley " + version()};
  }

  /** The project version, e.g. {@code 0.1.0}. */
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
