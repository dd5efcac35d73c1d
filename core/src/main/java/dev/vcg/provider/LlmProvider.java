package dev.vcg.provider;

/**
 * Chats with a language model: text, JSON or schema-constrained JSON answers, images in
 * messages for vision models.
 *
 * <p>Implementations implement {@link #doChat}; {@link #chat} first refuses requests the
 * declared {@link #capabilities()} do not allow. Implementations are thread-safe.
 */
public interface LlmProvider {
  /** @return the provider's stable id */
  String id();

  /** @return the model this instance uses */
  String model();

  /** @return what {@link #model()} can do */
  LlmCapabilities capabilities();

  /**
   * What another model of this provider can do, for requests that name their own model.
   * Providers that serve several models override this; by default every model is assumed to
   * have the capabilities of {@link #model()}.
   *
   * @param model a model id
   * @return its capabilities
   */
  default LlmCapabilities capabilities(String model) {
    return capabilities();
  }

  /**
   * Checks the request against the capabilities, then chats.
   *
   * @param request the chat
   * @return the answer
   * @throws UnsupportedCapabilityException before any call if the model cannot serve the request
   * @throws ProviderException if the provider fails
   */
  default ChatResponse chat(ChatRequest request) {
    String target = request.model().orElse(model());
    capabilities(target).check(id(), target, request);
    return doChat(request);
  }

  /**
   * Chats, for a request that passed the capability check.
   *
   * @param request the chat
   * @return the answer
   */
  ChatResponse doChat(ChatRequest request);
}
