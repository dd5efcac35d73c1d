package dev.vcg.services.cache;

/**
 * What a {@link ProviderCache} has done since it was made.
 *
 * @param hits lookups that found a result
 * @param misses lookups that found none (or an unreadable entry)
 * @param writes results stored
 */
public record CacheStats(long hits, long misses, long writes) {
  /** @return hits as a fraction of lookups, 0 when there were none */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
