package dev.vcg.services.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.internal.Json;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider results by {@link CacheKey}: the same request to the same provider and model is
 * answered from the cache instead of being paid for again. Values are kept as JSON (written and
 * read with the library's mapper), so every lookup returns a fresh copy.
 *
 * <pre>{@code
 * ProviderCache cache = ProviderCache.directory(Path.of("cache"));
 * CacheKey key = CacheKey.of("text-analysis", llm.id(), llm.model(), request);
 * Optional<TextAnalysis> hit = cache.get(key, TextAnalysis.class);
 * if (hit.isEmpty()) {
 *   TextAnalysis fresh = ...;           // the paid call
 *   cache.put(key, fresh);              // only results the provider really produced
 * }
 * }</pre>
 *
 * <p>Best-effort: an entry that cannot be read (corrupt, from another version, written for a
 * different key) is removed and counts as a miss; a write that fails is skipped. Nothing here
 * throws because of the store. Thread-safe.
 */
public final class ProviderCache {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderCache.class);
  private static final ProviderCache DISABLED = new ProviderCache(null, "disabled");

  private final CacheStore store;
  private final String description;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();

  private ProviderCache(CacheStore store, String description) {
    this.store = store;
    this.description = description;
  }

  /**
   * A cache in this process's memory that keeps the most recently used entries.
   *
   * @param maxEntries how many entries to keep, at least 1
   * @return the cache
   * @throws IllegalArgumentException if {@code maxEntries} is below 1
   */
  public static ProviderCache inMemory(int maxEntries) {
    return new ProviderCache(new MemoryCacheStore(maxEntries), "in memory, " + maxEntries + " entries");
  }

  /**
   * A cache in a directory: one file per entry, written atomically, kept across restarts and
   * shared by the processes that use the same directory.
   *
   * @param directory the directory; created if missing
   * @return the cache
   * @throws dev.vcg.VcgException if the directory cannot be created
   */
  public static ProviderCache directory(Path directory) {
    DirectoryCacheStore s = new DirectoryCacheStore(directory);
    return new ProviderCache(s, "directory " + s.directory());
  }

  /**
   * @param store where entries are kept
   * @return a cache over the store
   */
  public static ProviderCache of(CacheStore store) {
    return new ProviderCache(Objects.requireNonNull(store, "store"), store.getClass().getSimpleName());
  }

  /** @return a cache that keeps nothing: every lookup misses */
  public static ProviderCache disabled() {
    return DISABLED;
  }

  /** @return whether this cache keeps anything */
  public boolean isEnabled() {
    return store != null;
  }

  /**
   * Looks a result up.
   *
   * @param key the request's key
   * @param type the result's class
   * @param <T> the result's type
   * @return the cached result, or empty
   */
  public <T> Optional<T> get(CacheKey key, Class<T> type) {
    Objects.requireNonNull(type, "type");
    return get(key, Json.mapper().getTypeFactory().constructType(type));
  }

  private <T> Optional<T> get(CacheKey key, JavaType type) {
    Objects.requireNonNull(key, "key");
    if (store == null) {
      return Optional.empty();
    }
    Optional<String> doc;
    try {
      doc = store.load(key.hash());
    } catch (RuntimeException e) {
      LOG.debug("cache {} cannot be read for {}: {}", description, key, e.toString());
      misses.incrementAndGet();
      return Optional.empty();
    }
    if (doc.isEmpty()) {
      misses.incrementAndGet();
      return Optional.empty();
    }
    try {
      JsonNode n = Json.mapper().readTree(doc.get());
      if (n == null || !key.kind().equals(n.path("kind").asText()) || !key.providerId().equals(n.path("provider").asText())
          || !key.model().equals(n.path("model").asText()) || !n.has("value")) {
        throw new IllegalArgumentException("the entry was written for another key");
      }
      T value = Json.mapper().treeToValue(n.get("value"), type);
      if (value == null) {
        throw new IllegalArgumentException("the entry holds no value");
      }
      hits.incrementAndGet();
      LOG.debug("cache hit {}", key);
      return Optional.of(value);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      LOG.debug("cache entry {} is unusable and removed: {}", key, e.getMessage());
      remove(key);
      misses.incrementAndGet();
      return Optional.empty();
    }
  }

  /**
   * Stores a result. Call it only with results the provider produced, never with a failure, a
   * fallback or a placeholder.
   *
   * @param key the request's key
   * @param value the result, JSON-serialisable
   */
  public void put(CacheKey key, Object value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (store == null) {
      return;
    }
    try {
      ObjectNode n = Json.mapper().createObjectNode();
      n.put("kind", key.kind());
      n.put("provider", key.providerId());
      n.put("model", key.model());
      n.set("value", Json.mapper().valueToTree(value));
      store.save(key.hash(), Json.mapper().writeValueAsString(n));
      writes.incrementAndGet();
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.debug("cache {} cannot store {}: {}", description, key, e.toString());
    }
  }

  /**
   * Forgets a result.
   *
   * @param key the request's key
   */
  public void remove(CacheKey key) {
    Objects.requireNonNull(key, "key");
    if (store == null) {
      return;
    }
    try {
      store.remove(key.hash());
    } catch (RuntimeException e) {
      LOG.debug("cache {} cannot remove {}: {}", description, key, e.toString());
    }
  }

  /** @return hits, misses and writes so far */
  public CacheStats stats() {
    return new CacheStats(hits.get(), misses.get(), writes.get());
  }

  @Override
  public String toString() {
    return "ProviderCache[" + description + ", " + stats() + "]";
  }
}
