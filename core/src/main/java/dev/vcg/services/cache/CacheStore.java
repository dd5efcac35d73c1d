package dev.vcg.services.cache;

import java.util.Optional;

/**
 * Where a {@link ProviderCache} keeps its entries: one JSON document per hash. Implement this to
 * keep the cache in a shared store (a database, a key-value service); {@link ProviderCache#inMemory}
 * and {@link ProviderCache#directory} cover one process and one machine.
 *
 * <p>Implementations must be thread-safe. A cache is best-effort: a store that cannot read or
 * write may throw any {@link RuntimeException}; the cache then counts a miss, or skips the write.
 */
public interface CacheStore {
  /**
   * @param hash the entry's key (64 hex digits)
   * @return the document, or empty if there is none
   */
  Optional<String> load(String hash);

  /**
   * Stores or replaces a document.
   *
   * @param hash the entry's key (64 hex digits)
   * @param document the JSON document
   */
  void save(String hash, String document);

  /**
   * Removes a document, if there is one.
   *
   * @param hash the entry's key
   */
  void remove(String hash);
}
