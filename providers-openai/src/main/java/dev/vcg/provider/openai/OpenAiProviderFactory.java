package dev.vcg.provider.openai;

import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.openai.internal.OpenAiModels;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAI provider (id {@value #ID}, key {@value #API_KEY_VARIABLE}): chat with vision and
 * structured output ({@link OpenAiLlmProvider}) and images, generated or edited
 * ({@link OpenAiImageProvider}).
 *
 * <p><b>Priority 0</b> (the default): when OpenRouter is configured too, OpenRouter (priority 100)
 * is chosen for language models; for images the registry's usual order applies.
 *
 * <p>Settings come from the {@link ProviderConfig} (id {@code openai}): key, base URL (default
 * {@value #DEFAULT_BASE_URL}; any OpenAI-compatible gateway works), model, request timeout (3
 * minutes for chat and 5 for images by default), retries (409 is retried besides the usual
 * statuses, as OpenAI's SDKs do) and these options:
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>meaning</th></tr>
 *   <tr><td>{@value #OPTION_ORGANIZATION}</td><td>{@code OpenAI-Organization} header</td></tr>
 *   <tr><td>{@value #OPTION_PROJECT}</td><td>{@code OpenAI-Project} header</td></tr>
 *   <tr><td>{@value #OPTION_LLM_MODEL}</td><td>the chat model; by default the config's model unless it
 *       names an image model, else {@value OpenAiModels#DEFAULT_CHAT_MODEL}</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_MODEL}</td><td>the image model; by default the config's model if it
 *       names an image model ({@code gpt-image-*}, {@code chatgpt-image-*}, {@code dall-e-*}), else
 *       {@value OpenAiModels#DEFAULT_IMAGE_MODEL}</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_DETAIL}</td><td>{@code detail} of images in chat messages:
 *       {@code auto}, {@code low} or {@code high}</td></tr>
 *   <tr><td>{@value #OPTION_IMAGE_QUALITY}</td><td>{@code quality} of generated images ({@code low},
 *       {@code medium}, {@code high}, {@code auto}; {@code standard} or {@code hd} for DALL·E 3)</td></tr>
 *   <tr><td>{@value #OPTION_OUTPUT_FORMAT}</td><td>{@code png}, {@code jpeg} or {@code webp}</td></tr>
 *   <tr><td>{@value #OPTION_EDITS_ENCODING}</td><td>{@code json} (default: images as URLs or data URLs)
 *       or {@code multipart} ({@code image[]} file uploads)</td></tr>
 * </table>
 *
 * <p>Declared models, with <b>list-price estimates</b> (USD; OpenAI reports tokens, not money):
 * chat models per million input / output tokens; image models per image for estimates (medium
 * quality, 1024x1024) plus their token rates for the cost of each answer. {@code gpt-image-1} was
 * reported retired on 2026-10-23 and {@code dall-e-3} was shut down on 2026-05-12; both stay
 * declared for gateways that still serve them. Any other model id may be configured (an open
 * vocabulary).
 *
 * <p>Found by {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class OpenAiProviderFactory implements ProviderFactory {
  /** The provider id. */
  public static final String ID = "openai";
  /** The environment variable that usually holds the key. */
  public static final String API_KEY_VARIABLE = "OPENAI_API_KEY";
  /** OpenAI's API root. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  /** Option: the {@code OpenAI-Organization} header. */
  public static final String OPTION_ORGANIZATION = "organization";
  /** Option: the {@code OpenAI-Project} header. */
  public static final String OPTION_PROJECT = "project";
  /** Option: the chat model. */
  public static final String OPTION_LLM_MODEL = "llm-model";
  /** Option: the image model. */
  public static final String OPTION_IMAGE_MODEL = "image-model";
  /** Option: {@code detail} of images in chat messages. */
  public static final String OPTION_IMAGE_DETAIL = "image-detail";
  /** Option: {@code quality} of generated images. */
  public static final String OPTION_IMAGE_QUALITY = "image-quality";
  /** Option: {@code output_format} of generated images. */
  public static final String OPTION_OUTPUT_FORMAT = "output-format";
  /** Option: how edits send their images, {@code json} or {@code multipart}. */
  public static final String OPTION_EDITS_ENCODING = "edits-encoding";

  /** Creates the factory (no I/O). */
  public OpenAiProviderFactory() {
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.LLM, ProviderKind.IMAGE);
  }

  @Override
  public Optional<String> apiKeyVariable() {
    return Optional.of(API_KEY_VARIABLE);
  }

  @Override
  public List<ModelInfo> models() {
    return OpenAiModels.all();
  }

  @Override
  public String defaultModel(ProviderKind kind) {
    if (kind == ProviderKind.LLM) {
      return OpenAiModels.DEFAULT_CHAT_MODEL;
    }
    if (kind == ProviderKind.IMAGE) {
      return OpenAiModels.DEFAULT_IMAGE_MODEL;
    }
    return ProviderFactory.super.defaultModel(kind);
  }

  /**
   * @param config the config of provider {@code openai}
   * @return a chat client
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   * @throws IllegalArgumentException if an option is invalid
   */
  @Override
  public LlmProvider createLlm(ProviderConfig config) {
    return OpenAiLlmProvider.builder().config(config).build();
  }

  /**
   * @param config the config of provider {@code openai}
   * @return an image client
   * @throws dev.vcg.provider.ProviderNotConfiguredException if the config holds no key
   * @throws IllegalArgumentException if an option is invalid
   */
  @Override
  public ImageProvider createImage(ProviderConfig config) {
    return OpenAiImageProvider.builder().config(config).build();
  }

  @Override
  public String toString() {
    return "OpenAiProviderFactory";
  }
}
