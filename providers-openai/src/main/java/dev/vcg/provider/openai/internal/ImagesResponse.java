package dev.vcg.provider.openai.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of an Images API answer (unknown fields ignored).
 *
 * @param created unix seconds
 * @param data the images
 * @param size the size made, e.g. {@code 1024x1536} (GPT image models)
 * @param outputFormat png, jpeg or webp (GPT image models)
 * @param usage tokens (GPT image models)
 */
public record ImagesResponse(Long created, List<Datum> data, String size,
                             @JsonProperty("output_format") String outputFormat, Usage usage) {

  /**
   * One image.
   *
   * @param b64Json base64 content (GPT image models)
   * @param url a URL valid for 60 minutes (DALL·E)
   * @param revisedPrompt the prompt DALL·E 3 actually used
   */
  public record Datum(@JsonProperty("b64_json") String b64Json, String url,
                      @JsonProperty("revised_prompt") String revisedPrompt) {
    @Override
    public String toString() {
      return "Datum[" + (b64Json != null ? b64Json.length() + " base64 chars" : url != null ? "url" : "empty") + "]";
    }
  }

  /**
   * Tokens of a GPT image generation.
   *
   * @param inputTokens text and image input tokens
   * @param outputTokens output tokens
   * @param inputDetails the split of the input tokens
   */
  public record Usage(@JsonProperty("input_tokens") Long inputTokens, @JsonProperty("output_tokens") Long outputTokens,
                      @JsonProperty("input_tokens_details") InputDetails inputDetails) {
  }

  /**
   * @param textTokens text tokens
   * @param imageTokens image tokens
   */
  public record InputDetails(@JsonProperty("text_tokens") Long textTokens,
                             @JsonProperty("image_tokens") Long imageTokens) {
  }
}
