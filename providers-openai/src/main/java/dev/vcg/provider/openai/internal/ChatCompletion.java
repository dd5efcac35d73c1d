package dev.vcg.provider.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of an OpenAI chat completion (unknown fields ignored).
 *
 * @param id the completion id ({@code chatcmpl-…})
 * @param model the model snapshot that answered
 * @param choices the answers
 * @param usage tokens (OpenAI reports no money)
 */
public record ChatCompletion(String id, String model, List<Choice> choices, Usage usage) {

  /**
   * One answer.
   *
   * @param index its position
   * @param message the message
   * @param finishReason stop, length, tool_calls, content_filter or function_call
   */
  public record Choice(Integer index, Message message, @JsonProperty("finish_reason") String finishReason) {
  }

  /**
   * The assistant's message.
   *
   * @param role normally {@code assistant}
   * @param content the text, or null (e.g. on a refusal)
   * @param refusal the refusal, or null
   */
  public record Message(String role, String content, String refusal) {
  }

  /**
   * Tokens.
   *
   * @param promptTokens prompt tokens
   * @param completionTokens completion tokens (including reasoning tokens)
   */
  public record Usage(@JsonProperty("prompt_tokens") Long promptTokens,
                      @JsonProperty("completion_tokens") Long completionTokens) {
  }
}
