package dev.vcg.provider.fal.internal;

import java.util.Objects;

/**
 * Where a queued fal request is followed.
 *
 * @param statusUrl {@code GET} for the status
 * @param responseUrl {@code GET} for the result
 * @param cancelUrl {@code PUT} to cancel
 */
public record QueueUrls(String statusUrl, String responseUrl, String cancelUrl) {
  /** Validates. */
  public QueueUrls {
    Objects.requireNonNull(statusUrl, "statusUrl");
    Objects.requireNonNull(responseUrl, "responseUrl");
    Objects.requireNonNull(cancelUrl, "cancelUrl");
  }
}
