package dev.vcg.provider.fal.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * fal's queue status (also the shape of the submit answer): {@code IN_QUEUE}, {@code IN_PROGRESS}
 * or {@code COMPLETED}, where a failed request is {@code COMPLETED} with {@code error} and
 * {@code error_type}.
 *
 * @param status the status word
 * @param requestId the request id
 * @param queuePosition requests ahead of this one, while queued
 * @param responseUrl where the result is fetched
 * @param statusUrl where the status is polled
 * @param cancelUrl where the request is cancelled
 * @param error the failure message of a failed request (text or JSON), or null
 * @param errorType the machine type of the failure (e.g. {@code runner_disconnected}), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueStatus(
    @JsonProperty("status") String status,
    @JsonProperty("request_id") String requestId,
    @JsonProperty("queue_position") Integer queuePosition,
    @JsonProperty("response_url") String responseUrl,
    @JsonProperty("status_url") String statusUrl,
    @JsonProperty("cancel_url") String cancelUrl,
    @JsonProperty("error") JsonNode error,
    @JsonProperty("error_type") String errorType) {

  /** Queued. */
  public static final String IN_QUEUE = "IN_QUEUE";
  /** Running. */
  public static final String IN_PROGRESS = "IN_PROGRESS";
  /** Finished, with a result or an error. */
  public static final String COMPLETED = "COMPLETED";

  /** @return whether fal reported a failure on a completed request */
  public boolean failed() {
    return COMPLETED.equals(status) && ((error != null && !error.isNull()
        && !(error.isTextual() && error.asText().isBlank())) || (errorType != null && !errorType.isBlank()));
  }

  /** @return the failure message, or a generic one */
  public String errorMessage() {
    if (error == null || error.isNull()) {
      return "the request failed";
    }
    return error.isTextual() ? error.asText() : error.toString();
  }

  @Override
  public String toString() {
    return "QueueStatus[" + status + ", request " + requestId
        + (queuePosition == null ? "" : ", position " + queuePosition)
        + (failed() ? ", error " + errorType : "") + "]";
  }
}
