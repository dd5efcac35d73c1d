package dev.vcg.provider.http.acme;

import dev.vcg.cost.Price;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.http.Auth;
import dev.vcg.provider.http.ProviderHttpClient;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A neutral fake provider ("Acme") built on the shared HTTP layer the way the real provider
 * modules are, so the contract test kit can be run against real HTTP calls.
 */
public final class AcmeProviderFactory implements dev.vcg.provider.ProviderFactory {
  static final String ID = "acme";
  static final String KEY_VARIABLE = "ACME_API_KEY";

  static final List<ModelInfo> MODELS = List.of(
      ModelInfo.video("acme-video-1", "Acme video with start and end frame",
          VideoCapabilities.builder().endFrame(true).durations(5, 10)
              .aspectRatios(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16).seed(true).build(),
          Price.perVideoSecond("0.05")),
      ModelInfo.video("acme-video-lite", "Acme video, start frame only",
          VideoCapabilities.builder().durations(5).aspectFollowsImage(true).maxPromptLength(500).build(),
          Price.perVideoSecond("0.02")),
      ModelInfo.image("acme-image-1", "Acme images",
          ImageCapabilities.builder().sizes(new ImageSize(1024, 1024), new ImageSize(1536, 1024))
              .maxReferenceImages(2).seed(true).build(), Price.perImage("0.01")),
      ModelInfo.llm("acme-chat", "Acme chat with vision", new LlmCapabilities(true, true, false, 4),
          Price.perMillionTokens("0.5", "1.5")));

  /** Creates the factory; no I/O. */
  public AcmeProviderFactory() {
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.LLM, ProviderKind.IMAGE, ProviderKind.VIDEO);
  }

  @Override
  public Optional<String> apiKeyVariable() {
    return Optional.of(KEY_VARIABLE);
  }

  @Override
  public List<ModelInfo> models() {
    return MODELS;
  }

  @Override
  public LlmProvider createLlm(ProviderConfig config) {
    return new AcmeLlmProvider(http(config), config.model().orElse(defaultModel(ProviderKind.LLM)));
  }

  @Override
  public ImageProvider createImage(ProviderConfig config) {
    return new AcmeImageProvider(http(config), config.model().orElse(defaultModel(ProviderKind.IMAGE)));
  }

  @Override
  public VideoProvider createVideo(ProviderConfig config) {
    return new AcmeVideoProvider(http(config), config.model().orElse(defaultModel(ProviderKind.VIDEO)));
  }

  static ProviderHttpClient http(ProviderConfig config) {
    return ProviderHttpClient.builder(ID)
        .config(config)
        .defaultBaseUrl(URI.create("https://api.acme.invalid/v1"))
        .apiKeyVariable(KEY_VARIABLE)
        .auth(Auth.bearer())
        .header("Acme-Version", "2026-01-01")
        .requestIdHeader("acme-request-id")
        .build();
  }

  static ModelInfo modelInfo(ProviderKind kind, String id) {
    return MODELS.stream().filter(m -> m.kind() == kind && m.id().equals(id)).findFirst()
        .orElseGet(() -> MODELS.stream().filter(m -> m.kind() == kind).findFirst().orElseThrow());
  }

  @Override
  public String toString() {
    return "AcmeProviderFactory";
  }
}
