package dev.vcg.provider.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-call settings: whether the call is a paid submission, retries, timeouts and extra headers.
 * Unset values fall back to the client's (which come from {@link dev.vcg.provider.ProviderConfig}
 * or the provider's defaults).
 *
 * <p><b>Paid submissions</b> ({@link #paidSubmission()}: image or video job creation) are never
 * retried after an ambiguous failure (a timeout or reset after the request was sent, 408, or a
 * 5xx other than 503 with {@code Retry-After}); such a failure is reported as
 * {@link dev.vcg.provider.OutcomeUnknownException} so nobody pays twice. They are retried only on
 * proof that the provider did not process them: a connection refused before sending, 429, or 503
 * with {@code Retry-After}.
 *
 * <pre>{@code
 * client.postJson("/v1/image_to_video", body, CreateTask.class, CallOptions.paidSubmission());
 * client.getJson(statusUrl, Status.class, CallOptions.builder().timeout(Duration.ofSeconds(60)).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CallOptions {
  private static final CallOptions DEFAULTS = builder().build();
  private static final CallOptions PAID = builder().paidSubmission(true).build();

  private final boolean paidSubmission;
  private final Integer maxRetries;
  private final Duration timeout;
  private final Duration deadline;
  private final Duration stallTimeout;
  private final Map<String, String> headers;

  private CallOptions(Builder b) {
    this.paidSubmission = b.paidSubmission;
    this.maxRetries = b.maxRetries;
    this.timeout = b.timeout;
    this.deadline = b.deadline;
    this.stallTimeout = b.stallTimeout;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
  }

  /** @return an idempotent call with the client's settings */
  public static CallOptions defaults() {
    return DEFAULTS;
  }

  /** @return a non-idempotent, paid submission (job creation) with the client's settings */
  public static CallOptions paidSubmission() {
    return PAID;
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return whether this call creates a paid job and must not be repeated on ambiguous failures */
  public boolean isPaidSubmission() {
    return paidSubmission;
  }

  /** @return retries after the first attempt (0..10), if set for this call */
  public Optional<Integer> maxRetries() {
    return Optional.ofNullable(maxRetries);
  }

  /**
   * @return the per-attempt timeout (connect, send, headers and the whole body), if set for this
   *     call
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** @return the overall deadline of the call (all attempts and waits between them), if set */
  public Optional<Duration> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** @return the longest gap allowed between two pieces of a response body, if set */
  public Optional<Duration> stallTimeout() {
    return Optional.ofNullable(stallTimeout);
  }

  /** @return extra request headers for this call (unmodifiable, in insertion order) */
  public Map<String, String> headers() {
    return headers;
  }

  /** @return a builder holding these options */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.paidSubmission = paidSubmission;
    b.maxRetries = maxRetries;
    b.timeout = timeout;
    b.deadline = deadline;
    b.stallTimeout = stallTimeout;
    b.headers.putAll(headers);
    return b;
  }

  @Override
  public String toString() {
    return "CallOptions[paidSubmission=" + paidSubmission
        + (maxRetries == null ? "" : ", maxRetries=" + maxRetries)
        + (timeout == null ? "" : ", timeout=" + timeout)
        + (deadline == null ? "" : ", deadline=" + deadline)
        + (stallTimeout == null ? "" : ", stallTimeout=" + stallTimeout)
        + (headers.isEmpty() ? "" : ", headers=" + headers.keySet()) + "]";
  }

  /** Builds {@link CallOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean paidSubmission;
    private Integer maxRetries;
    private Duration timeout;
    private Duration deadline;
    private Duration stallTimeout;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * @param paid whether the call creates a paid job (image or video generation)
     * @return this builder
     */
    public Builder paidSubmission(boolean paid) {
      this.paidSubmission = paid;
      return this;
    }

    /**
     * @param maxRetries retries after the first attempt, 0 to 10
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be within 0..10: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * @param timeout per-attempt timeout covering connect, send, headers and the whole body
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * @param deadline overall limit for all attempts and the waits between them; a retry whose
     *     wait would end after it is not made
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * @param stallTimeout the longest gap allowed between two pieces of the response body
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder stallTimeout(Duration stallTimeout) {
      this.stallTimeout = positive(stallTimeout, "stallTimeout");
      return this;
    }

    /**
     * Adds a request header for this call (replacing one of the same name set here).
     *
     * @param name header name
     * @param value header value
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or either contains CR/LF
     */
    public Builder header(String name, String value) {
      ProviderHttpClient.checkHeader(name, value);
      headers.put(name, value);
      return this;
    }

    /** @return the options */
    public CallOptions build() {
      return new CallOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
