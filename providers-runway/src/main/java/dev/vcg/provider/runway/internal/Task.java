package dev.vcg.provider.runway.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Runway task ({@code GET /v1/tasks/{id}}): {@code PENDING}, {@code THROTTLED} (waiting for a
 * concurrency slot), {@code RUNNING} (with {@code progress} 0..1), {@code SUCCEEDED} (with
 * {@code output} URLs, signed and expiring), {@code FAILED} (with {@code failure} and a dotted
 * {@code failureCode}) or {@code CANCELLED}.
 *
 * @param id the task id
 * @param status the status word
 * @param progress 0..1 while running, or null
 * @param output the result URLs when succeeded, or null
 * @param failure the failure text when failed, or null
 * @param failureCode e.g. {@code SAFETY.INPUT.TEXT}, or null
 * @param createdAt ISO timestamp, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Task(
    @JsonProperty("id") String id,
    @JsonProperty("status") String status,
    @JsonProperty("progress") Double progress,
    @JsonProperty("output") List<String> output,
    @JsonProperty("failure") String failure,
    @JsonProperty("failureCode") String failureCode,
    @JsonProperty("createdAt") String createdAt) {

  /** Queued. */
  public static final String PENDING = "PENDING";
  /** Accepted, waiting for a concurrency slot (not a failure). */
  public static final String THROTTLED = "THROTTLED";
  /** Being generated. */
  public static final String RUNNING = "RUNNING";
  /** Done, with output. */
  public static final String SUCCEEDED = "SUCCEEDED";
  /** Failed. */
  public static final String FAILED = "FAILED";
  /** Cancelled or deleted. */
  public static final String CANCELLED = "CANCELLED";

  /** @return whether the failure code is a moderation refusal ({@code SAFETY.*}, {@code *.SAFETY.*}) */
  public boolean safetyFailure() {
    return failureCode != null && (failureCode.startsWith("SAFETY") || failureCode.contains(".SAFETY"));
  }

  /** @return whether Runway suggests a retry may help ({@code INTERNAL*}, {@code INPUT_PREPROCESSING.INTERNAL}) */
  public boolean transientFailure() {
    return failureCode != null && (failureCode.startsWith("INTERNAL")
        || failureCode.equals("INPUT_PREPROCESSING.INTERNAL"));
  }

  @Override
  public String toString() {
    return "Task[" + id + ", " + status + (progress == null ? "" : ", " + progress)
        + (failureCode == null ? "" : ", " + failureCode) + "]";
  }
}
