package dev.vcg.workflow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code <runId>.json} per run, replaced atomically: the document is written to a temporary
 * file in the same directory, forced to disk, then renamed over the old one (and the directory
 * is forced so the rename survives a power cut). Thread-safe.
 */
final class FileContextStore implements ContextStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileContextStore.class);
  private static final String SUFFIX = ".json";

  private final Path directory;

  FileContextStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.directory);
    } catch (IOException e) {
      throw new WorkflowException("cannot create the run directory " + this.directory + ": " + e
          + ". Choose a writable directory for ContextStore.directory(..).", null, WorkflowException.Stage.CHECKPOINT,
          false, e);
    }
  }

  Path fileOf(String runId) {
    return directory.resolve(RunOptions.checkRunId(runId) + SUFFIX);
  }

  @Override
  public void save(String runId, String document) {
    Path target = fileOf(runId);
    Objects.requireNonNull(document, "document");
    Path tmp = null;
    try {
      tmp = Files.createTempFile(directory, "." + runId + "-", ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(document.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + directory + " cannot rename atomically", e);
      }
      tmp = null;
      forceDirectory();
    } catch (IOException e) {
      throw new WorkflowException("cannot save run " + runId + " to " + target + ": " + e
          + ". Check free space and permissions; the run can be resumed from its last saved step.",
          null, WorkflowException.Stage.CHECKPOINT, true, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          LOG.debug("cannot remove temporary file {}", tmp, e);
        }
      }
    }
  }

  private void forceDirectory() {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open or force a directory; the rename itself is still atomic.
      LOG.trace("cannot force directory {}", directory, e);
    }
  }

  @Override
  public Optional<String> load(String runId) {
    Path file = fileOf(runId);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CorruptCheckpointException(runId, "the saved state of run " + runId + " at " + file
          + " cannot be read: " + e + ". Fix its permissions, restore it from a backup, or delete it and start again.", e);
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return Optional.of(chars.toString());
    } catch (CharacterCodingException e) {
      throw new CorruptCheckpointException(runId, "the saved state of run " + runId + " at " + file
          + " is not UTF-8 text. Restore it from a backup, or delete it and start again.", e);
    }
  }

  @Override
  public boolean delete(String runId) {
    Path file = fileOf(runId);
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new WorkflowException("cannot delete " + file + ": " + e + ". Check its permissions.", null,
          WorkflowException.Stage.CHECKPOINT, false, e);
    }
  }

  @Override
  public Set<String> runIds() {
    Set<String> ids = new HashSet<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (!name.startsWith(".")) {
          ids.add(name.substring(0, name.length() - SUFFIX.length()));
        }
      }
    } catch (IOException e) {
      throw new WorkflowException("cannot list " + directory + ": " + e + ". Check its permissions.", null,
          WorkflowException.Stage.CHECKPOINT, false, e);
    }
    return Set.copyOf(ids);
  }

  @Override
  public String toString() {
    return "ContextStore.directory[" + directory + "]";
  }
}
