package dev.vcg.provider;

import dev.vcg.cost.PriceBook;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entry point of a provider artifact, found with {@link java.util.ServiceLoader}: list it in
 * {@code META-INF/services/dev.vcg.provider.ProviderFactory}. Third-party providers plug in the
 * same way.
 *
 * <p>Implementations have a public no-argument constructor that does no I/O, a stable
 * {@link #id()}, declare their models and capabilities, and create providers from a
 * {@link ProviderConfig}. They are thread-safe.
 *
 * <pre>{@code
 * public final class AcmeProviderFactory implements ProviderFactory {
 *   public String id() { return "acme"; }
 *   public Set<ProviderKind> kinds() { return Set.of(ProviderKind.IMAGE); }
 *   public Optional<String> apiKeyVariable() { return Optional.of("ACME_API_KEY"); }
 *   public List<ModelInfo> models() { return List.of(ModelInfo.image("acme-1", ...)); }
 *   public ImageProvider createImage(ProviderConfig config) { return new AcmeImageProvider(config); }
 * }
 * }</pre>
 */
public interface ProviderFactory {
  /** @return the stable id users configure, e.g. {@code fal} */
  String id();

  /** @return what this provider does */
  Set<ProviderKind> kinds();

  /**
   * @return the environment variable that usually holds the key (e.g. {@code FAL_KEY}); empty
   *     for providers that need no key
   */
  Optional<String> apiKeyVariable();

  /** @return the models this provider knows, with capabilities and list prices */
  List<ModelInfo> models();

  /**
   * The model used when the config names none.
   *
   * @param kind what for
   * @return the model id
   * @throws UnsupportedCapabilityException if this provider does not do {@code kind}
   */
  default String defaultModel(ProviderKind kind) {
    return models().stream().filter(m -> m.kind() == kind).map(ModelInfo::id).findFirst()
        .orElseThrow(() -> new UnsupportedCapabilityException(id(), "provider '" + id() + "' does no " + kind));
  }

  /**
   * The catalogue entry of a model, if listed.
   *
   * @param kind what for
   * @param model the model id
   * @return the entry
   */
  default Optional<ModelInfo> model(ProviderKind kind, String model) {
    return models().stream().filter(m -> m.kind() == kind && m.id().equals(model)).findFirst();
  }

  /**
   * Built-in providers (the offline local ones) lose to anything the user adds.
   *
   * @return whether this is a built-in
   */
  default boolean builtIn() {
    return false;
  }

  /**
   * Order among several configured providers of one kind: the highest wins, ties go to the
   * smaller id. Documented by each provider.
   *
   * @return the priority, 0 by default
   */
  default int priority() {
    return 0;
  }

  /**
   * Whether a config is enough to use this provider (e.g. it holds a key).
   *
   * @param config the config
   * @return whether it is usable
   */
  default boolean isConfigured(ProviderConfig config) {
    return apiKeyVariable().isEmpty() || config.apiKey().isPresent();
  }

  /** @return list prices of the declared models, keyed by this provider's id */
  default PriceBook priceBook() {
    PriceBook.Builder b = PriceBook.builder();
    models().forEach(m -> b.price(id(), m.id(), m.price()));
    return b.build();
  }

  /**
   * @param config key, URL and model
   * @return a language model client
   * @throws UnsupportedCapabilityException if this provider does no chat
   * @throws ProviderNotConfiguredException if the config lacks a key
   */
  default LlmProvider createLlm(ProviderConfig config) {
    throw new UnsupportedCapabilityException(id(), "provider '" + id() + "' does no LLM chat");
  }

  /**
   * @param config key, URL and model
   * @return an image client
   * @throws UnsupportedCapabilityException if this provider makes no images
   * @throws ProviderNotConfiguredException if the config lacks a key
   */
  default ImageProvider createImage(ProviderConfig config) {
    throw new UnsupportedCapabilityException(id(), "provider '" + id() + "' makes no images");
  }

  /**
   * @param config key, URL and model
   * @return a video client
   * @throws UnsupportedCapabilityException if this provider makes no video
   * @throws ProviderNotConfiguredException if the config lacks a key
   */
  default VideoProvider createVideo(ProviderConfig config) {
    throw new UnsupportedCapabilityException(id(), "provider '" + id() + "' makes no video");
  }
}
