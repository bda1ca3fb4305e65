package dev.parley.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few megabytes, mounted for one test: a real file system that a filler file can
 * fill to the last byte (SQLite then gets ENOSPC, exactly as on a full disk) and that has room
 * again once the filler is deleted. Mounting needs root with CAP_SYS_ADMIN, which this project's
 * machines and CI have; where it is refused the test is aborted, so it shows as skipped with
 * the reason rather than passing.
 */
public final class SmallFileSystem implements AutoCloseable {
  private final Path mountPoint;
  private final Path filler;

  private SmallFileSystem(Path mountPoint) {
    this.mountPoint = mountPoint;
    this.filler = mountPoint.resolve("filler");
  }

  public static SmallFileSystem mount(Path mountPoint, int megabytes) throws IOException {
    Files.createDirectories(mountPoint);
    SystemCommand mount =
        SystemCommand.run(
            "mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "parley-test", mountPoint.toString());
    Assumptions.assumeTrue(
        mount.ok(),
        () -> "SKIPPED: a real full disk needs a small tmpfs, and mounting one was refused"
            + " (it needs root with CAP_SYS_ADMIN): " + mount.output());
    return new SmallFileSystem(mountPoint);
  }

  /** Writes a filler file until the file system has no byte left. */
  public void fill() {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).as("why the filler stopped").contains("No space left on device");
    }
    assertThat(mountPoint.toFile().getUsableSpace()).as("bytes left").isZero();
  }

  /** Deletes the filler: the space comes back. */
  public void free() {
    try {
      Files.delete(filler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unmounts; lazily if something still holds a file open, so the temporary directory goes. */
  @Override
  public void close() {
    if (!SystemCommand.run("umount", mountPoint.toString()).ok()) {
      SystemCommand.run("umount", "-l", mountPoint.toString());
    }
  }
}
