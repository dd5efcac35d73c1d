package dev.vcg.provider;

/**
 * Generates a clip from a start frame (and, where the model supports it, an end frame) as a
 * long-running job: {@link #submit}, then {@link #poll} until terminal, or {@link #cancel}.
 *
 * <p>Implementations implement {@link #doSubmit}; {@link #submit} first refuses requests the
 * declared {@link #capabilities()} do not allow, so nothing is paid for a request that cannot
 * succeed. Implementations are thread-safe. {@link #poll} and {@link #cancel} must work on a job
 * created by another instance (e.g. after a restart).
 */
public interface VideoProvider {
  /** @return the provider's stable id, e.g. {@code fal} */
  String id();

  /** @return the model this instance generates with */
  String model();

  /** @return what {@link #model()} can do */
  VideoCapabilities capabilities();

  /**
   * What another model of this provider can do, for requests that name their own model.
   * Providers that serve several models override this; by default every model is assumed to
   * have the capabilities of {@link #model()}.
   *
   * @param model a model id
   * @return its capabilities
   */
  default VideoCapabilities capabilities(String model) {
    return capabilities();
  }

  /**
   * Checks the request against the capabilities, then submits it.
   *
   * @param request the clip to make
   * @return the accepted job; checkpoint it before polling
   * @throws UnsupportedCapabilityException before any call if the model cannot serve the request
   * @throws ProviderException if the provider refuses; {@link OutcomeUnknownException} when it is
   *     unknown whether the job was created
   */
  default VideoJob submit(VideoRequest request) {
    String target = request.model().orElse(model());
    capabilities(target).check(id(), target, request);
    return doSubmit(request);
  }

  /**
   * Submits a request that has passed the capability check. The one paid call: it must not be
   * retried after an ambiguous failure.
   *
   * @param request the clip to make
   * @return the accepted job
   */
  VideoJob doSubmit(VideoRequest request);

  /**
   * Asks where a job stands. Idempotent; safe to retry.
   *
   * @param job a job from {@link #submit}
   * @return its status
   */
  JobStatus poll(VideoJob job);

  /**
   * Asks the provider to stop a job. Best effort: a job that already finished stays finished.
   *
   * @param job a job from {@link #submit}
   */
  void cancel(VideoJob job);
}
