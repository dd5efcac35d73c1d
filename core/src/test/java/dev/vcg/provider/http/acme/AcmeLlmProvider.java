package dev.vcg.provider.http.acme;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ResponseFormat;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.ProviderHttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Acme's chat completions. */
final class AcmeLlmProvider implements LlmProvider {
  private final ProviderHttpClient http;
  private final String model;
  private final LlmCapabilities capabilities;

  AcmeLlmProvider(ProviderHttpClient http, String model) {
    this.http = http;
    this.model = model;
    this.capabilities = AcmeProviderFactory.modelInfo(ProviderKind.LLM, model).llmCapabilities().orElseThrow();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Chat(String model, List<Message> messages, @JsonProperty("response_format") Map<String, String> format) {
  }

  record Message(String role, List<Map<String, String>> content) {
  }

  record Completion(String model, List<Choice> choices, Usage usage) {
  }

  record Choice(Map<String, String> message, @JsonProperty("finish_reason") String finishReason) {
  }

  record Usage(@JsonProperty("input_tokens") long input, @JsonProperty("output_tokens") long output) {
  }

  @Override
  public String id() {
    return AcmeProviderFactory.ID;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public LlmCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<Message> messages = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      List<Map<String, String>> parts = new ArrayList<>();
      for (ContentPart p : m.parts()) {
        if (p instanceof ContentPart.Image) {
          MediaRef image = ((ContentPart.Image) p).image();
          parts.add(Map.of("type", "image", "image", AcmeVideoProvider.image(image)));
        } else {
          parts.add(Map.of("type", "text", "text", ((ContentPart.Text) p).text()));
        }
      }
      messages.add(new Message(m.role().name().toLowerCase(Locale.ROOT), parts));
    }
    Map<String, String> format = request.responseFormat().type() == ResponseFormat.Type.JSON_OBJECT
        ? Map.of("type", "json_object") : null;
    JsonResponse<Completion> r = http.send("POST", "/chat", new Chat(request.model().orElse(model), messages, format),
        Completion.class, dev.vcg.provider.http.CallOptions.defaults());
    Completion c = r.body();
    if (c.choices() == null || c.choices().isEmpty()) {
      throw new ProviderException(id(), "Acme returned no answer; try again");
    }
    Choice first = c.choices().get(0);
    TokenUsage usage = c.usage() == null ? TokenUsage.NONE : new TokenUsage(c.usage().input(), c.usage().output());
    return new ChatResponse(first.message().getOrDefault("content", ""), c.model() == null ? model : c.model(),
        first.finishReason(), usage, null, r.requestId().orElse(null));
  }

  @Override
  public String toString() {
    return "AcmeLlmProvider[model=" + model + "]";
  }
}
