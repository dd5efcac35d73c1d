package dev.vcg.provider.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link ProviderErrorHandler} read from a provider's error response: a message, the
 * provider's error code, optionally a request id found in the body, and optional refinements
 * of the layer's decisions (the {@link ErrorKind}, whether to retry, a retry delay, and for
 * errors inside HTTP 200 bodies the status the error stands for).
 *
 * <pre>{@code
 * ErrorDetails.builder().message("Your request was rejected by the safety system")
 *     .code("moderation_blocked").kind(ErrorKind.CONTENT_POLICY).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The layer escapes CR/LF, trims and removes the API key from
 * the message before it reaches an exception or a log.
 */
public final class ErrorDetails {
  private final String message;
  private final String code;
  private final String requestId;
  private final ErrorKind kind;
  private final Boolean retryable;
  private final Duration retryAfter;
  private final Integer status;

  private ErrorDetails(Builder b) {
    this.message = b.message;
    this.code = b.code;
    this.requestId = b.requestId;
    this.kind = b.kind;
    this.retryable = b.retryable;
    this.retryAfter = b.retryAfter;
    this.status = b.status;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param message the provider's message
   * @return details with only a message
   */
  public static ErrorDetails of(String message) {
    return builder().message(message).build();
  }

  /** @return the human-readable message */
  public String message() {
    return message;
  }

  /** @return the provider's machine-readable code or type, if any */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** @return a request id found in the body, if any (headers are read by the layer) */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** @return the kind to use instead of the one the status suggests, if refined */
  public Optional<ErrorKind> kind() {
    return Optional.ofNullable(kind);
  }

  /**
   * @return whether to retry in-call, overriding the status rules (never makes an ambiguous
   *     failure of a paid submission retryable), if decided
   */
  public Optional<Boolean> retryable() {
    return Optional.ofNullable(retryable);
  }

  /** @return a retry delay from the body, used when the response has no retry header */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** @return for an error inside a 2xx body, the HTTP status it stands for, if known */
  public Optional<Integer> status() {
    return Optional.ofNullable(status);
  }

  /** @return a builder holding these details */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.message = message;
    b.code = code;
    b.requestId = requestId;
    b.kind = kind;
    b.retryable = retryable;
    b.retryAfter = retryAfter;
    b.status = status;
    return b;
  }

  @Override
  public String toString() {
    return "ErrorDetails[message=" + message + (code == null ? "" : ", code=" + code)
        + (kind == null ? "" : ", kind=" + kind) + (retryable == null ? "" : ", retryable=" + retryable)
        + (status == null ? "" : ", status=" + status) + "]";
  }

  /** Builds {@link ErrorDetails}. Not thread-safe. */
  public static final class Builder {
    private String message;
    private String code;
    private String requestId;
    private ErrorKind kind;
    private Boolean retryable;
    private Duration retryAfter;
    private Integer status;

    private Builder() {
    }

    /**
     * @param message the provider's message (required)
     * @return this builder
     */
    public Builder message(String message) {
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /**
     * @param code the provider's error code or type, or null
     * @return this builder
     */
    public Builder code(String code) {
      this.code = code == null || code.isBlank() ? null : code;
      return this;
    }

    /**
     * @param requestId a request id found in the body, or null
     * @return this builder
     */
    public Builder requestId(String requestId) {
      this.requestId = requestId == null || requestId.isBlank() ? null : requestId;
      return this;
    }

    /**
     * @param kind the refined kind, or null to use the status
     * @return this builder
     */
    public Builder kind(ErrorKind kind) {
      this.kind = kind;
      return this;
    }

    /**
     * @param retryable whether to retry in-call, or null to follow the status rules
     * @return this builder
     */
    public Builder retryable(Boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    /**
     * @param retryAfter a delay the provider gave in the body, or null
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder retryAfter(Duration retryAfter) {
      if (retryAfter != null && retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
      }
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * @param status for an error inside a 2xx body, the HTTP status it stands for (400..599)
     * @return this builder
     * @throws IllegalArgumentException if not within 400..599
     */
    public Builder status(Integer status) {
      if (status != null && (status < 400 || status > 599)) {
        throw new IllegalArgumentException("status must be within 400..599: " + status);
      }
      this.status = status;
      return this;
    }

    /**
     * @return the details
     * @throws IllegalStateException if no message was set
     */
    public ErrorDetails build() {
      if (message == null) {
        throw new IllegalStateException("message is required");
      }
      return new ErrorDetails(this);
    }
  }
}
