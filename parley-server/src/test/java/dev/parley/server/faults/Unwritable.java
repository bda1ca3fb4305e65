package dev.parley.server.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes files unwritable under a running process with {@code chattr +i} (immutable), which stops
 * even root, and even through a file handle opened before: the store's files turn read-only
 * mid-run. Needs root with CAP_LINUX_IMMUTABLE and a file system that enforces the flag on open
 * files (ext4 does, tmpfs does not); a probe checks exactly that first and aborts the test with
 * the reason when it does not hold, so it shows as skipped rather than passing.
 */
public final class Unwritable implements AutoCloseable {
  private final List<Path> files;

  private Unwritable(List<Path> files) {
    this.files = files;
  }

  public static Unwritable make(Path... files) throws IOException {
    probe(files[0].getParent());
    List<Path> frozen = new ArrayList<>();
    Unwritable unwritable = new Unwritable(frozen);
    for (Path file : files) {
      SystemCommand chattr = SystemCommand.run("chattr", "+i", file.toString());
      if (!chattr.ok()) {
        unwritable.close();
        throw new IllegalStateException("chattr +i " + file + " failed after the probe worked: " + chattr.output());
      }
      frozen.add(file);
    }
    return unwritable;
  }

  /** Checks that an immutable file refuses a write through a handle opened before the flag. */
  private static void probe(Path dir) throws IOException {
    Path probe = Files.createTempFile(dir, "immutable-probe", ".tmp");
    String notHere;
    try (OutputStream out = Files.newOutputStream(probe, StandardOpenOption.APPEND)) {
      SystemCommand chattr = SystemCommand.run("chattr", "+i", probe.toString());
      notHere = chattr.ok()
          ? writeIsRefused(out) ? null : "this file system ignores the immutable flag for files already open"
          : "chattr +i was refused (it needs root with CAP_LINUX_IMMUTABLE): " + chattr.output();
    } finally {
      SystemCommand.run("chattr", "-i", probe.toString());
      Files.deleteIfExists(probe);
    }
    Assumptions.assumeTrue(
        notHere == null, () -> "SKIPPED: cannot make a file read-only under a running server here: " + notHere);
  }

  private static boolean writeIsRefused(OutputStream out) {
    try {
      out.write(1);
      out.flush();
      return false;
    } catch (IOException expected) {
      return true;
    }
  }

  /** Makes the files writable again. */
  @Override
  public void close() {
    for (Path file : files) {
      SystemCommand.run("chattr", "-i", file.toString());
    }
  }
}
