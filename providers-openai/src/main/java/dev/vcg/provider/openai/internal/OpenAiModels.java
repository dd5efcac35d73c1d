package dev.vcg.provider.openai.internal;

import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.ModelInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The well-known OpenAI models: capabilities and list prices (USD, estimates from OpenAI's model
 * pages; OpenAI reports tokens, not money).
 */
public final class OpenAiModels {
  /** The chat model used when none is configured. */
  public static final String DEFAULT_CHAT_MODEL = "gpt-4o";
  /** The image model used when none is configured. */
  public static final String DEFAULT_IMAGE_MODEL = "gpt-image-1.5";

  /** Capabilities assumed for chat ids not listed. */
  public static final LlmCapabilities UNKNOWN_CHAT = new LlmCapabilities(true, true, true, 500);

  private static final ImageSize SQUARE = new ImageSize(1024, 1024);
  private static final ImageSize LANDSCAPE = new ImageSize(1536, 1024);
  private static final ImageSize PORTRAIT = new ImageSize(1024, 1536);

  /** GPT image models with the three standard sizes. */
  public static final ImageCapabilities GPT_IMAGE = ImageCapabilities.builder().maxSize(1536, 1536)
      .sizes(SQUARE, LANDSCAPE, PORTRAIT).maxReferenceImages(16).seed(false).maxPromptLength(32_000).build();
  /** {@code gpt-image-2*}: any size with sides divisible by 16, up to 3840x2160 (checked further when sending). */
  public static final ImageCapabilities GPT_IMAGE_2 = ImageCapabilities.builder()
      .maxSize(3840, 3840).maxReferenceImages(16).seed(false).maxPromptLength(32_000).build();
  /** DALL·E 3: three sizes, no edits. */
  public static final ImageCapabilities DALL_E_3 = ImageCapabilities.builder().maxSize(1792, 1792)
      .sizes(SQUARE, new ImageSize(1792, 1024), new ImageSize(1024, 1792)).maxReferenceImages(0).seed(false)
      .maxPromptLength(4000).build();

  /**
   * Token rates of a GPT image model, USD per million tokens.
   *
   * @param textInput text prompt tokens
   * @param imageInput input image tokens (edits)
   * @param output output tokens
   */
  public record ImageRates(BigDecimal textInput, BigDecimal imageInput, BigDecimal output) {
    static ImageRates of(String text, String image, String output) {
      return new ImageRates(new BigDecimal(text), new BigDecimal(image), new BigDecimal(output));
    }

    /**
     * @param textTokens text input tokens
     * @param imageTokens image input tokens
     * @param outputTokens output tokens
     * @return their cost
     */
    public Money cost(long textTokens, long imageTokens, long outputTokens) {
      BigDecimal sum = textInput.multiply(BigDecimal.valueOf(textTokens))
          .add(imageInput.multiply(BigDecimal.valueOf(imageTokens)))
          .add(output.multiply(BigDecimal.valueOf(outputTokens)));
      return Money.of(sum.divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP));
    }
  }

  private static final ImageRates GPT_IMAGE_1_RATES = ImageRates.of("5.00", "10.00", "40.00");
  private static final Map<String, ImageRates> RATES = Map.of(
      "gpt-image-1", GPT_IMAGE_1_RATES,
      "gpt-image-1-mini", ImageRates.of("2.00", "2.50", "8.00"),
      "gpt-image-1.5", ImageRates.of("5.00", "8.00", "32.00"),
      "gpt-image-2", ImageRates.of("5.00", "8.00", "32.00"));

  private static final List<ModelInfo> MODELS = List.of(
      chat(DEFAULT_CHAT_MODEL, "GPT-4o: vision, structured output", "2.50", "10.00"),
      chat("gpt-4o-mini", "GPT-4o mini: cheap, vision, structured output", "0.15", "0.60"),
      chat("gpt-4.1", "GPT-4.1: vision, structured output, long context", "2.00", "8.00"),
      chat("gpt-4.1-mini", "GPT-4.1 mini: vision, structured output", "0.40", "1.60"),
      chat("gpt-5", "GPT-5: reasoning, vision, structured output", "1.25", "10.00"),
      chat("gpt-5-mini", "GPT-5 mini: reasoning, vision, structured output", "0.25", "2.00"),
      image(DEFAULT_IMAGE_MODEL, "GPT Image 1.5: 1024x1024, 1536x1024, 1024x1536; edits with up to 16 images",
          GPT_IMAGE, "0.034"),
      image("gpt-image-1", "GPT Image 1 (reported retired on 2026-10-23; gpt-image-1.5 replaces it)", GPT_IMAGE,
          "0.042"),
      image("gpt-image-1-mini", "GPT Image 1 mini: cheap; three sizes; edits", GPT_IMAGE, "0.011"),
      image("gpt-image-2", "GPT Image 2: any size with sides divisible by 16 up to 3840x2160; edits", GPT_IMAGE_2,
          "0.034"),
      ModelInfo.image("dall-e-3", "DALL·E 3 (shut down by OpenAI on 2026-05-12; for compatible gateways only):"
          + " URL answers, no edits", DALL_E_3, Price.perImage("0.040")));

  private OpenAiModels() {
  }

  private static ModelInfo chat(String id, String description, String in, String out) {
    return ModelInfo.llm(id, description, UNKNOWN_CHAT, Price.perMillionTokens(in, out));
  }

  private static ModelInfo image(String id, String description, ImageCapabilities caps, String perImage) {
    ImageRates r = RATES.get(id);
    return ModelInfo.image(id, description, caps,
        new Price(Money.usd(perImage), Money.ZERO, Money.of(r.textInput()), Money.of(r.output())));
  }

  /** @return the catalogue */
  public static List<ModelInfo> all() {
    return MODELS;
  }

  /**
   * @param model a model id
   * @return whether it names an image model (GPT image, ChatGPT image or DALL·E)
   */
  public static boolean isImageModel(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    return m.startsWith("gpt-image") || m.startsWith("chatgpt-image") || m.startsWith("dall-e");
  }

  /**
   * @param model an image model id
   * @return whether it is a DALL·E model (URL answers, {@code response_format} accepted)
   */
  public static boolean isDallE(String model) {
    return model.toLowerCase(Locale.ROOT).startsWith("dall-e");
  }

  /**
   * @param model an image model id
   * @return whether it takes any size with sides divisible by 16 ({@code gpt-image-2*})
   */
  public static boolean takesAnySize(String model) {
    return model.toLowerCase(Locale.ROOT).startsWith("gpt-image-2");
  }

  /**
   * @param model a chat model id
   * @return its capabilities ({@link #UNKNOWN_CHAT} for ids not listed)
   */
  public static LlmCapabilities chatCapabilities(String model) {
    return find(model).flatMap(ModelInfo::llmCapabilities).orElse(UNKNOWN_CHAT);
  }

  /**
   * @param model an image model id
   * @return its capabilities; unlisted GPT image ids get the standard three sizes
   */
  public static ImageCapabilities imageCapabilities(String model) {
    Optional<ImageCapabilities> listed = find(model).flatMap(ModelInfo::imageCapabilities);
    if (listed.isPresent()) {
      return listed.get();
    }
    if (takesAnySize(model)) {
      return GPT_IMAGE_2;
    }
    return isDallE(model) ? DALL_E_3 : GPT_IMAGE;
  }

  /**
   * The list price of a chat model, also for dated snapshots ({@code gpt-4o-2024-08-06}).
   *
   * @param model the id
   * @return its price, if listed
   */
  public static Optional<Price> chatPrice(String model) {
    return find(model).filter(m -> m.llmCapabilities().isPresent()).map(ModelInfo::price);
  }

  /**
   * The token rates of an image model, also for dated snapshots; unlisted GPT image ids get
   * GPT Image 1's rates (the highest, so estimates err high).
   *
   * @param model the id
   * @return the rates, empty for DALL·E (priced per image)
   */
  public static Optional<ImageRates> imageRates(String model) {
    if (isDallE(model)) {
      return Optional.empty();
    }
    String base = undated(model);
    ImageRates r = RATES.get(model);
    if (r == null) {
      r = RATES.get(base);
    }
    if (r == null && base.startsWith("gpt-image-2")) {
      r = RATES.get("gpt-image-2");
    }
    return Optional.of(r == null ? GPT_IMAGE_1_RATES : r);
  }

  private static Optional<ModelInfo> find(String model) {
    String base = undated(model);
    Optional<ModelInfo> exact = MODELS.stream().filter(m -> m.id().equals(model)).findFirst();
    return exact.isPresent() ? exact : MODELS.stream().filter(m -> m.id().equals(base)).findFirst();
  }

  /** {@code gpt-4o-2024-08-06} → {@code gpt-4o}. */
  static String undated(String model) {
    return model.replaceFirst("-\\d{4}-\\d{2}-\\d{2}$", "");
  }
}
