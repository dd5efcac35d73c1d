package dev.vcg.provider.openrouter.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The body of a non-streaming chat completion answer (unknown fields ignored).
 *
 * @param id the generation id ({@code gen-…})
 * @param model the model that answered
 * @param provider the upstream provider that served it (not in the schema, seen in practice)
 * @param choices the answers
 * @param usage tokens and cost
 */
public record Completion(String id, String model, String provider, List<Choice> choices, Usage usage) {

  /**
   * One answer.
   *
   * @param index its position
   * @param message the message
   * @param finishReason normalised: stop, length, tool_calls, content_filter, error
   * @param nativeFinishReason the upstream provider's own reason
   * @param error an error reported after generation started
   */
  public record Choice(Integer index, Message message, @JsonProperty("finish_reason") String finishReason,
                       @JsonProperty("native_finish_reason") String nativeFinishReason, JsonNode error) {
  }

  /**
   * The assistant's message.
   *
   * @param role normally {@code assistant}
   * @param content a string, or (rarely) an array of parts
   * @param refusal the model's refusal, if it refused
   */
  public record Message(String role, JsonNode content, String refusal) {
    /** @return the text of the content; empty when there is none */
    public String text() {
      if (content == null || content.isNull()) {
        return "";
      }
      if (content.isTextual()) {
        return content.asText();
      }
      if (content.isArray()) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
          JsonNode text = part.get("text");
          if (text != null && text.isTextual()) {
            sb.append(text.asText());
          }
        }
        return sb.toString();
      }
      return content.toString();
    }
  }

  /**
   * Tokens and cost. OpenRouter credits are US dollars.
   *
   * @param promptTokens prompt tokens (native tokenizer)
   * @param completionTokens completion tokens
   * @param cost the amount charged, or null
   */
  public record Usage(@JsonProperty("prompt_tokens") Long promptTokens,
                      @JsonProperty("completion_tokens") Long completionTokens, BigDecimal cost) {
  }
}
