package dev.vcg.provider.http;

import dev.failsafe.Bulkhead;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bulkhead and circuit breaker shared by every client of one provider, key and origin (and
 * the same limits), so that several provider instances with the same user key share one budget.
 * Thread-safe.
 */
final class CallPolicies {
  private static final ConcurrentMap<Key, CallPolicies> SHARED = new ConcurrentHashMap<>();

  final Bulkhead<Object> bulkhead;
  final Duration maxQueueWait;
  final CircuitBreaker breaker;

  private CallPolicies(int maxConcurrent, Duration maxQueueWait, boolean breakerEnabled) {
    this.bulkhead = Bulkhead.builder(maxConcurrent).withMaxWaitTime(maxQueueWait).build();
    this.maxQueueWait = maxQueueWait;
    this.breaker = breakerEnabled ? new CircuitBreaker() : null;
  }

  static CallPolicies shared(String providerId, String keyFingerprint, String origin, int maxConcurrent,
                             Duration maxQueueWait, boolean breakerEnabled) {
    Key key = new Key(providerId, keyFingerprint, origin, maxConcurrent, maxQueueWait, breakerEnabled);
    return SHARED.computeIfAbsent(key, k -> new CallPolicies(maxConcurrent, maxQueueWait, breakerEnabled));
  }

  private static final class Key {
    final String providerId;
    final String keyFingerprint;
    final String origin;
    final int maxConcurrent;
    final Duration maxQueueWait;
    final boolean breakerEnabled;

    Key(String providerId, String keyFingerprint, String origin, int maxConcurrent, Duration maxQueueWait,
        boolean breakerEnabled) {
      this.providerId = providerId;
      this.keyFingerprint = keyFingerprint;
      this.origin = origin;
      this.maxConcurrent = maxConcurrent;
      this.maxQueueWait = maxQueueWait;
      this.breakerEnabled = breakerEnabled;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Key)) {
        return false;
      }
      Key k = (Key) o;
      return providerId.equals(k.providerId) && keyFingerprint.equals(k.keyFingerprint)
          && origin.equals(k.origin) && maxConcurrent == k.maxConcurrent
          && maxQueueWait.equals(k.maxQueueWait) && breakerEnabled == k.breakerEnabled;
    }

    @Override
    public int hashCode() {
      return Objects.hash(providerId, keyFingerprint, origin, maxConcurrent, maxQueueWait, breakerEnabled);
    }
  }
}
