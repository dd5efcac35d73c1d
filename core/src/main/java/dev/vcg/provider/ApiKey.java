package dev.vcg.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A provider API key (bring your own key). It never prints: {@link #toString()} shows only a
 * short fingerprint, it is not {@link java.io.Serializable}, and serialising it with Jackson
 * throws. The raw value is available only through {@link #reveal()}, which the HTTP layer
 * calls when it builds the authorisation header.
 *
 * <p>Instances are immutable and thread-safe.
 */
@JsonSerialize(using = ApiKey.RefusingSerializer.class)
public final class ApiKey {
  private final String value;
  private final String fingerprint;

  private ApiKey(String value) {
    this.value = value;
    this.fingerprint = fingerprintOf(value);
  }

  /**
   * Wraps a key.
   *
   * @param value the key as issued by the provider
   * @return the key
   * @throws IllegalArgumentException if the value is blank or contains whitespace or control
   *     characters (a key pasted with a newline would otherwise break headers)
   */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value");
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("API key is blank");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException("API key contains whitespace or control characters");
      }
    }
    return new ApiKey(trimmed);
  }

  /**
   * The raw key, for building an authorisation header. Never log or persist it.
   *
   * @return the secret value
   */
  public String reveal() {
    return value;
  }

  /**
   * A stable, non-reversible identifier of this key (first 12 hex digits of its SHA-256),
   * safe to log and to persist, e.g. to key circuit breakers per user key.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey other && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[sha256:" + fingerprint + "]";
  }

  private static String fingerprintOf(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** Refuses to write a key anywhere Jackson may send it (state files, events, responses). */
  static final class RefusingSerializer extends JsonSerializer<ApiKey> {
    @Override
    public void serialize(ApiKey key, JsonGenerator gen, SerializerProvider serializers) {
      throw new IllegalStateException("API keys are never serialised (" + key + ")");
    }
  }
}
