package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.MediaException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes outputs next to their destination and moves them into place only when complete. */
public final class OutputFiles {
  private OutputFiles() {
  }

  /**
   * Creates a hidden temporary file in the output's directory.
   *
   * @param output the final path
   * @return the temporary file (empty)
   * @throws MediaException if the directory is missing or not writable
   */
  public static Path temporaryFor(Path output) {
    Path abs = output.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new MediaException(output, Reason.OUTPUT_FAILED, "cannot write " + output + ": the directory "
          + dir + " does not exist; create it first");
    }
    if (Files.isDirectory(abs)) {
      throw new MediaException(output, Reason.OUTPUT_FAILED, "cannot write " + output + ": it is a directory");
    }
    try {
      return Files.createTempFile(dir, "." + abs.getFileName() + ".", ".part");
    } catch (IOException e) {
      throw new MediaException(output, Reason.OUTPUT_FAILED, "cannot write in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves a finished temporary file onto the output, replacing it atomically where possible.
   *
   * @param temp the finished file
   * @param output the final path
   * @throws IOException if the move fails
   */
  public static void publish(Path temp, Path output) throws IOException {
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: keep the defaults.
    }
    try {
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes a file, ignoring failures.
   *
   * @param file the file, or null
   */
  public static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: a leftover hidden .part file is harmless.
    }
  }
}
