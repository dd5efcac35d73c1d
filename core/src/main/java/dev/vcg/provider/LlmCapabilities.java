package dev.vcg.provider;

/**
 * What a language model can do.
 *
 * @param vision whether messages may carry images
 * @param jsonObject whether {@link ResponseFormat#JSON_OBJECT} is supported
 * @param jsonSchema whether {@link ResponseFormat.Type#JSON_SCHEMA} is supported (natively or
 *     as a hint)
 * @param maxImages the most images one request may carry (0 without vision)
 */
public record LlmCapabilities(boolean vision, boolean jsonObject, boolean jsonSchema, int maxImages) {
  /** Validates. */
  public LlmCapabilities {
    if (maxImages < 0) {
      throw new IllegalArgumentException("maxImages must not be negative");
    }
  }

  /**
   * Refuses a request this model cannot serve.
   *
   * @param providerId for the error
   * @param model for the error
   * @param request the request
   * @throws UnsupportedCapabilityException naming what is unsupported
   */
  public void check(String providerId, String model, ChatRequest request) {
    long images = request.messages().stream()
        .flatMap(m -> m.parts().stream()).filter(p -> p instanceof ContentPart.Image).count();
    if (images > 0 && !vision) {
      throw new UnsupportedCapabilityException(providerId, "model " + model
          + " does not accept images; choose a vision model");
    }
    if (images > maxImages) {
      throw new UnsupportedCapabilityException(providerId, "model " + model + " takes at most "
          + maxImages + " images per request; the request has " + images);
    }
    ResponseFormat.Type t = request.responseFormat().type();
    if (t == ResponseFormat.Type.JSON_OBJECT && !jsonObject) {
      throw new UnsupportedCapabilityException(providerId, "model " + model + " has no JSON mode");
    }
    if (t == ResponseFormat.Type.JSON_SCHEMA && !jsonSchema) {
      throw new UnsupportedCapabilityException(providerId, "model " + model
          + " has no structured output; use ResponseFormat.JSON_OBJECT");
    }
  }
}
