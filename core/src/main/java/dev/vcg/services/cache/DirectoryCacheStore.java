package dev.vcg.services.cache;

import dev.vcg.VcgException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One file per entry, {@code <hash[0..2]>/<hash>.json}, written to a temporary file and renamed
 * over the old one, so a reader sees a whole entry or none. Thread-safe and safe across processes.
 */
final class DirectoryCacheStore implements CacheStore {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final Path directory;

  DirectoryCacheStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.directory);
    } catch (IOException e) {
      throw new VcgException("cannot create the cache directory " + this.directory + ": " + e.getMessage()
          + ". Choose a writable directory for ProviderCache.directory(..).", e);
    }
  }

  Path directory() {
    return directory;
  }

  private Path fileOf(String hash) {
    if (!HASH.matcher(hash).matches()) {
      throw new IllegalArgumentException("not a cache hash: " + hash);
    }
    return directory.resolve(hash.substring(0, 2)).resolve(hash + ".json");
  }

  @Override
  public Optional<String> load(String hash) {
    try {
      return Optional.of(Files.readString(fileOf(hash), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void save(String hash, String document) {
    Path target = fileOf(hash);
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), "." + hash.substring(0, 8) + "-", ".tmp");
      Files.writeString(tmp, document, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // The temporary file is left behind; it is never read as an entry.
        }
      }
    }
  }

  @Override
  public void remove(String hash) {
    try {
      Files.deleteIfExists(fileOf(hash));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
