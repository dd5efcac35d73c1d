package dev.vcg.services.web;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to fetch: an untrusted URL, the content types accepted, the most bytes read (counted after
 * decompression) and what happens past that limit. Immutable.
 *
 * <pre>{@code
 * FetchRequest page = FetchRequest.builder("https://example.com/")
 *     .acceptedTypes(List.of("text/html", "application/xhtml+xml"))
 *     .maxBytes(2 * 1024 * 1024)
 *     .truncateAtLimit(true)
 *     .build();
 * }</pre>
 */
public final class FetchRequest {
  private static final Pattern TYPE = Pattern.compile("(\\*/\\*|[a-z0-9][a-z0-9!#$&^_.+-]*/(\\*|[a-z0-9][a-z0-9!#$&^_.+-]*))");

  private final String url;
  private final Set<String> acceptedTypes;
  private final long maxBytes;
  private final boolean truncateAtLimit;
  private final Duration deadline;

  private FetchRequest(Builder b) {
    this.url = b.url;
    this.acceptedTypes = Collections.unmodifiableSet(new LinkedHashSet<>(b.acceptedTypes));
    this.maxBytes = b.maxBytes;
    this.truncateAtLimit = b.truncateAtLimit;
    this.deadline = b.deadline;
  }

  /**
   * @param url the untrusted URL; it is checked when fetched, not here
   * @return a builder accepting any content type, up to 2 MB, failing past it
   */
  public static Builder builder(String url) {
    return new Builder(Objects.requireNonNull(url, "url"));
  }

  /**
   * @param url the untrusted URL; it is checked when fetched, not here
   * @return a builder accepting any content type, up to 2 MB, failing past it
   */
  public static Builder builder(URI url) {
    return builder(Objects.requireNonNull(url, "url").toString());
  }

  /** @return the URL as given */
  public String url() {
    return url;
  }

  /**
   * @return accepted media types in the order given, lower case, possibly with wildcards ({@code image/*}); empty
   *     means any
   */
  public Set<String> acceptedTypes() {
    return acceptedTypes;
  }

  /** @return the most body bytes read, after decompression */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * @return whether reading stops at {@link #maxBytes()} and the result is marked truncated
   *     (true), or the fetch fails with {@link ContentRefusedException} (false)
   */
  public boolean truncateAtLimit() {
    return truncateAtLimit;
  }

  /** @return this request's own deadline, overriding the policy's */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /**
   * Whether a response's media type is accepted.
   *
   * @param mediaType a lower-case media type without parameters, or empty when none was sent
   * @return whether it matches one of {@link #acceptedTypes()}
   */
  public boolean accepts(String mediaType) {
    if (acceptedTypes.isEmpty() || acceptedTypes.contains("*/*")) {
      return true;
    }
    if (acceptedTypes.contains(mediaType)) {
      return true;
    }
    int slash = mediaType.indexOf('/');
    return slash > 0 && acceptedTypes.contains(mediaType.substring(0, slash) + "/*");
  }

  @Override
  public String toString() {
    return "FetchRequest[" + dev.vcg.services.web.internal.Redact.url(url) + ", types=" + acceptedTypes
        + ", maxBytes=" + maxBytes + (truncateAtLimit ? ", truncate" : "") + "]";
  }

  /** Builds a {@link FetchRequest}. Not thread-safe. */
  public static final class Builder {
    private final String url;
    private final Set<String> acceptedTypes = new LinkedHashSet<>();
    private long maxBytes = 2L * 1024 * 1024;
    private boolean truncateAtLimit;
    private Duration deadline;

    private Builder(String url) {
      this.url = url;
    }

    /**
     * @param types media types such as {@code text/html} or {@code image/*}; replaces earlier ones
     * @return this builder
     * @throws IllegalArgumentException if a type is malformed
     */
    public Builder acceptedTypes(Collection<String> types) {
      Objects.requireNonNull(types, "types");
      acceptedTypes.clear();
      for (String t : types) {
        String n = Objects.requireNonNull(t, "type").trim().toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(n).matches()) {
          throw new IllegalArgumentException("not a media type: " + t);
        }
        acceptedTypes.add(n);
      }
      return this;
    }

    /**
     * @param types media types
     * @return this builder
     * @see #acceptedTypes(Collection)
     */
    public Builder acceptedTypes(String... types) {
      return acceptedTypes(List.of(types));
    }

    /**
     * @param maxBytes positive; counted after decompression
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes <= 0) {
        throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * @param truncate whether to stop at the limit and mark the result truncated (true) or to
     *     fail (false, the default)
     * @return this builder
     */
    public Builder truncateAtLimit(boolean truncate) {
      this.truncateAtLimit = truncate;
      return this;
    }

    /**
     * @param deadline positive; the time for the whole fetch, instead of the policy's
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder deadline(Duration deadline) {
      Objects.requireNonNull(deadline, "deadline");
      if (deadline.isZero() || deadline.isNegative()) {
        throw new IllegalArgumentException("deadline must be positive: " + deadline);
      }
      this.deadline = deadline;
      return this;
    }

    /** @return the request */
    public FetchRequest build() {
      return new FetchRequest(this);
    }
  }
}
