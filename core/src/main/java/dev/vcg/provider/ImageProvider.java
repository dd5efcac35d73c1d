package dev.vcg.provider;

/**
 * Generates images from a prompt, and edits or keeps consistent with reference images where
 * the model supports them.
 *
 * <p>Implementations implement {@link #doGenerate}; {@link #generate} first refuses requests the
 * declared {@link #capabilities()} do not allow. Implementations are thread-safe.
 */
public interface ImageProvider {
  /** @return the provider's stable id */
  String id();

  /** @return the model this instance uses */
  String model();

  /** @return what {@link #model()} can do */
  ImageCapabilities capabilities();

  /**
   * What another model of this provider can do, for requests that name their own model.
   * Providers that serve several models override this; by default every model is assumed to
   * have the capabilities of {@link #model()}.
   *
   * @param model a model id
   * @return its capabilities
   */
  default ImageCapabilities capabilities(String model) {
    return capabilities();
  }

  /**
   * Checks the request against the capabilities, then generates.
   *
   * @param request what to draw
   * @return the images
   * @throws UnsupportedCapabilityException before any call if the model cannot serve the request
   * @throws ProviderException if the provider fails
   */
  default ImageResult generate(ImageRequest request) {
    String target = request.model().orElse(model());
    capabilities(target).check(id(), target, request);
    return doGenerate(request);
  }

  /**
   * Generates a request that passed the capability check.
   *
   * @param request what to draw
   * @return the images
   */
  ImageResult doGenerate(ImageRequest request);
}
