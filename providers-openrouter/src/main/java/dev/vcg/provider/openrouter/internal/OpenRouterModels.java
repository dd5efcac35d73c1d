package dev.vcg.provider.openrouter.internal;

import dev.vcg.cost.Price;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.ModelInfo;
import java.util.List;

/**
 * The well-known OpenRouter models: capabilities and list prices (USD per million tokens,
 * estimates taken from OpenRouter's model pages; OpenRouter reports the actual charge per call).
 */
public final class OpenRouterModels {
  /** The director's default: strong planning, vision and structured output. */
  public static final String DEFAULT_MODEL = "anthropic/claude-sonnet-4.5";

  /** Capabilities assumed for ids not listed: vision and JSON mode; schemas at least as a hint. */
  public static final LlmCapabilities UNKNOWN = new LlmCapabilities(true, true, true, 20);

  /** Price assumed for ids not listed, deliberately on the high side so budgets hold. */
  public static final Price UNKNOWN_PRICE = Price.perMillionTokens("3.00", "15.00");

  private static final List<ModelInfo> MODELS = List.of(
      ModelInfo.llm(DEFAULT_MODEL, "Anthropic Claude Sonnet 4.5: vision, structured output",
          new LlmCapabilities(true, true, true, 100), Price.perMillionTokens("3.00", "15.00")),
      ModelInfo.llm("openai/gpt-4o", "OpenAI GPT-4o: vision, structured output",
          new LlmCapabilities(true, true, true, 500), Price.perMillionTokens("2.50", "10.00")),
      ModelInfo.llm("openai/gpt-4o-mini", "OpenAI GPT-4o mini: cheap, vision, structured output",
          new LlmCapabilities(true, true, true, 500), Price.perMillionTokens("0.15", "0.60")),
      ModelInfo.llm("google/gemini-2.5-pro", "Google Gemini 2.5 Pro: vision, structured output",
          new LlmCapabilities(true, true, true, 3000), Price.perMillionTokens("1.25", "10.00")),
      ModelInfo.llm("google/gemini-2.5-flash", "Google Gemini 2.5 Flash: fast, vision, structured output",
          new LlmCapabilities(true, true, true, 3000), Price.perMillionTokens("0.30", "2.50")),
      ModelInfo.llm("meta-llama/llama-3.3-70b-instruct", "Meta Llama 3.3 70B: text only, JSON mode",
          new LlmCapabilities(false, true, false, 0), Price.perMillionTokens("0.13", "0.40")));

  private OpenRouterModels() {
  }

  /** @return the catalogue */
  public static List<ModelInfo> all() {
    return MODELS;
  }

  /**
   * The capabilities of a model id; a variant suffix ({@code :free}, {@code :nitro}, …) has the
   * capabilities of its base model, and unknown ids get {@link #UNKNOWN}.
   *
   * @param model the id
   * @return its capabilities
   */
  public static LlmCapabilities capabilities(String model) {
    String base = model;
    int colon = base.indexOf(':');
    if (colon > 0) {
      base = base.substring(0, colon);
    }
    for (ModelInfo m : MODELS) {
      if (m.id().equals(model) || m.id().equals(base)) {
        return m.llmCapabilities().orElseThrow();
      }
    }
    return UNKNOWN;
  }
}
