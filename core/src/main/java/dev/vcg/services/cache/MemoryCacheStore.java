package dev.vcg.services.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The most recently used entries, in memory. Thread-safe. */
final class MemoryCacheStore implements CacheStore {
  private final Map<String, String> entries;

  MemoryCacheStore(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > maxEntries;
      }
    };
  }

  @Override
  public synchronized Optional<String> load(String hash) {
    return Optional.ofNullable(entries.get(hash));
  }

  @Override
  public synchronized void save(String hash, String document) {
    entries.put(hash, document);
  }

  @Override
  public synchronized void remove(String hash) {
    entries.remove(hash);
  }
}
