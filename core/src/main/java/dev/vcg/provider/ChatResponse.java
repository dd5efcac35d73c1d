package dev.vcg.provider;

import dev.vcg.cost.Money;
import java.util.Objects;
import java.util.Optional;

/**
 * A model's answer.
 *
 * @param content the answer text (JSON text for JSON formats)
 * @param model the model that answered (may differ from the one asked, after fallbacks)
 * @param finishReason why it stopped ({@code stop}, {@code length}, …), or null
 * @param usage tokens used
 * @param cost the actual cost if the provider reported it (OpenRouter does), else null
 * @param requestId the provider's id for this generation, or null
 */
public record ChatResponse(String content, String model, String finishReason, TokenUsage usage,
                           Money cost, String requestId) {
  /** Validates. */
  public ChatResponse {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(model, "model");
    usage = usage == null ? TokenUsage.NONE : usage;
  }

  /** @return the actual cost, when reported */
  public Optional<Money> actualCost() {
    return Optional.ofNullable(cost);
  }

  /** @return whether the answer was cut off by the token limit */
  public boolean truncated() {
    return "length".equals(finishReason);
  }
}
