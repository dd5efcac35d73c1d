package dev.vcg.provider;

import java.util.Objects;

/**
 * What a provider said when a call failed, with nothing secret in it.
 *
 * @param providerId the provider's stable id
 * @param statusCode the HTTP status, 0 when there was no response
 * @param requestId the provider's request id, or null
 * @param code the provider's machine-readable error code/type, or null
 * @param message a human-readable message (the provider's, or ours)
 * @param body the error body trimmed to at most {@value #MAX_BODY} characters, or null
 */
public record ProviderError(String providerId, int statusCode, String requestId, String code,
                            String message, String body) {
  /** The longest error body kept. */
  public static final int MAX_BODY = 2000;

  /** Validates and trims. */
  public ProviderError {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(message, "message");
    if (body != null && body.length() > MAX_BODY) {
      body = body.substring(0, MAX_BODY) + "…(" + (body.length() - MAX_BODY) + " more chars)";
    }
  }

  /**
   * An error without a response.
   *
   * @param providerId the provider
   * @param message what happened
   * @return the error
   */
  public static ProviderError of(String providerId, String message) {
    return new ProviderError(providerId, 0, null, null, message, null);
  }

  /** @return a one-line description for exception messages */
  public String describe() {
    StringBuilder sb = new StringBuilder("[").append(providerId).append("]");
    if (statusCode > 0) {
      sb.append(" HTTP ").append(statusCode);
    }
    if (code != null) {
      sb.append(" ").append(code);
    }
    if (requestId != null) {
      sb.append(" (request ").append(requestId).append(")");
    }
    return sb.append(": ").append(message).toString();
  }
}
