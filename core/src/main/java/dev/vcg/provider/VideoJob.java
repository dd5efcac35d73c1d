package dev.vcg.provider;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import java.util.Objects;

/**
 * A submitted video job: enough to poll, fetch and cancel it later, in this process or after a
 * restart. Checkpointed as soon as it exists, so a resumed run polls the job it already paid
 * for instead of submitting again.
 *
 * @param providerId the provider that accepted the job
 * @param id the provider's job/request id
 * @param model the model that runs it
 * @param attributes provider data needed to follow the job (e.g. fal's status and result
 *     URLs); never secrets
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VideoJob(String providerId, String id, String model, Map<String, String> attributes) {
  /** Validates and copies. */
  public VideoJob {
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /**
   * @param providerId the provider
   * @param id the job id
   * @param model the model
   * @return a job without attributes
   */
  public static VideoJob of(String providerId, String id, String model) {
    return new VideoJob(providerId, id, model, Map.of());
  }
}
