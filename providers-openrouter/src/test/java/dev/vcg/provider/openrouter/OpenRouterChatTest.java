package dev.vcg.provider.openrouter;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.vcg.InvalidInputException;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.ContentPolicyException;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ResponseFormat;
import dev.vcg.provider.TokenUsage;
import dev.vcg.provider.UnsupportedCapabilityException;
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every chat call against the documented OpenRouter contract: request bodies, headers, answers. */
class OpenRouterChatTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PATH = "/api/v1/chat/completions";
  static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  private final String key = "sk-or-v1-test-" + UUID.randomUUID();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private OpenRouterLlmProvider provider(Consumer<ProviderConfig.Builder> custom) {
    ProviderConfig.Builder c = ProviderConfig.builder("openrouter").apiKey(ApiKey.of(key))
        .baseUrl(URI.create(wm.baseUrl() + "/api/v1"));
    custom.accept(c);
    return OpenRouterLlmProvider.builder().config(c.build()).sleeper(sleeper).build();
  }

  private OpenRouterLlmProvider provider() {
    return provider(c -> { });
  }

  private static void answer(String fixture) {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read(fixture))));
  }

  private static LoggedRequest onlyRequest() {
    List<LoggedRequest> all = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void basicChatSendsTheDocumentedBodyAndHeadersAndMapsTheAnswer() {
    answer("chat-response-success.json");
    OpenRouterLlmProvider llm = provider(c -> c.model("anthropic/claude-sonnet-4.5"));

    ChatResponse r = llm.chat(ChatRequest.builder()
        .addMessage(ChatMessage.system("You are a concise assistant."))
        .addMessage(ChatMessage.user("Write a one-line tagline for a coffee shop."))
        .temperature(0.7).maxTokens(200).build());

    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("Authorization", equalTo("Bearer " + key))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("Accept", equalTo("application/json"))
        .withHeader("HTTP-Referer", equalTo(OpenRouterLlmProvider.DEFAULT_REFERER))
        .withHeader("X-OpenRouter-Title", equalTo(OpenRouterLlmProvider.DEFAULT_TITLE))
        .withHeader("X-OpenRouter-Categories", absent())
        .withRequestBody(equalToJson(Fixtures.read("chat-request-basic.json"))));
    assertThat(r.content()).isEqualTo("Brewed slow, served warm, remembered long.");
    assertThat(r.model()).isEqualTo("anthropic/claude-sonnet-4.5");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.truncated()).isFalse();
    assertThat(r.usage()).isEqualTo(new TokenUsage(27, 12));
    assertThat(r.actualCost()).contains(Money.usd("0.000261"));
    assertThat(r.requestId()).isEqualTo("gen-1755849301-Qm3xZr8bT2kLpW9vNcYd");
  }

  @Test
  void visionWithJsonSchemaRoutingAndFallbacksMatchesTheDocumentedRequest() {
    answer("chat-response-json-schema-success.json");
    OpenRouterLlmProvider llm = provider(c -> c.model("anthropic/claude-sonnet-4.5")
        .option(OpenRouterLlmProvider.OPTION_IMAGE_DETAIL, "auto"));
    String schema = "{\"type\":\"object\",\"properties\":{\"title\":{\"type\":\"string\"},"
        + "\"colors\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"has_text\":{\"type\":\"boolean\"}},"
        + "\"required\":[\"title\",\"colors\",\"has_text\"],\"additionalProperties\":false}";

    ChatResponse r = llm.chat(ChatRequest.builder()
        .model("anthropic/claude-3.5-sonnet")
        .addMessage(ChatMessage.user(ContentPart.text("Describe this product photo and return the fields requested."),
            ContentPart.image(MediaRef.bytes(Base64.getDecoder().decode(PIXEL), "image/png"))))
        .responseFormat(ResponseFormat.jsonSchema("product_description", schema, true))
        .extraParameter("provider", Map.of("require_parameters", true, "allow_fallbacks", true,
            "data_collection", "deny", "sort", "price"))
        .addFallbackModel("anthropic/claude-sonnet-4.5").addFallbackModel("openai/gpt-4o")
        .extraParameter("usage", Map.of("include", true))
        .maxTokens(500).build());

    assertThat(onlyRequest().getHeader("Content-Type")).isEqualTo("application/json");
    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withRequestBody(equalToJson(Fixtures.read("chat-request-vision-json-schema.json"))));
    assertThat(r.content())
        .isEqualTo("{\"title\":\"Ceramic pour-over coffee dripper\",\"colors\":[\"white\",\"walnut brown\"],\"has_text\":false}");
    assertThat(r.model()).isEqualTo("anthropic/claude-3.5-sonnet");
    assertThat(r.usage()).isEqualTo(new TokenUsage(1612, 31));
    assertThat(r.actualCost()).contains(Money.usd("0.005301"));
  }

  @Test
  void jsonObjectModeMatchesTheDocumentedRequest() {
    answer("chat-response-json-object-success.json");
    OpenRouterLlmProvider llm = provider(c -> c.model("openai/gpt-4o-mini"));

    ChatResponse r = llm.chat(ChatRequest.builder()
        .addMessage(ChatMessage.system("Reply only with a JSON object with keys 'sentiment' and 'score'."))
        .addMessage(ChatMessage.user("I love this new phone!"))
        .responseFormat(ResponseFormat.JSON_OBJECT).build());

    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withRequestBody(equalToJson(Fixtures.read("chat-request-json-object.json"))));
    assertThat(r.content()).isEqualTo("{\"sentiment\": \"positive\", \"score\": 0.96}");
    assertThat(r.actualCost()).contains(Money.usd("0.00001335"));
    assertThat(r.model()).isEqualTo("openai/gpt-4o-mini");
  }

  @Test
  void remoteImagesAreSentAsTheirUrlAndLocalFilesAsDataUris(@TempDir Path dir) throws Exception {
    answer("chat-response-success.json");
    Path file = dir.resolve("frame.png");
    Files.write(file, Base64.getDecoder().decode(PIXEL));

    provider().chat(ChatRequest.builder()
        .addMessage(ChatMessage.user(ContentPart.text("Compare"),
            ContentPart.image(MediaRef.url(URI.create("https://cdn.example.com/a.jpg?sig=1"))),
            ContentPart.image(MediaRef.file(file))))
        .build());

    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("Compare")))
        .withRequestBody(matchingJsonPath("$.messages[0].content[1].image_url.url",
            equalTo("https://cdn.example.com/a.jpg?sig=1")))
        .withRequestBody(matchingJsonPath("$.messages[0].content[2].image_url.url",
            equalTo("data:image/png;base64," + PIXEL)))
        .withRequestBody(matchingJsonPath("$.messages[0].content[1].image_url.detail", absent())));
  }

  @Test
  void unreadableOrUnsupportedImagesFailBeforeAnyCall(@TempDir Path dir) {
    OpenRouterLlmProvider llm = provider();
    ChatRequest missing = ChatRequest.builder().addMessage(ChatMessage.user(ContentPart.text("x"),
        ContentPart.image(MediaRef.file(dir.resolve("nope.png"))))).build();
    ChatRequest pdf = ChatRequest.builder().addMessage(ChatMessage.user(ContentPart.text("x"),
        ContentPart.image(MediaRef.bytes("%PDF-1.7".getBytes(), null)))).build();

    assertThatThrownBy(() -> llm.chat(missing)).isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.png");
    assertThatThrownBy(() -> llm.chat(pdf)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("PNG, JPEG, WebP or GIF");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void anInvalidSchemaFailsBeforeAnyCall() {
    ChatRequest r = ChatRequest.builder().addMessage(ChatMessage.user("x"))
        .responseFormat(ResponseFormat.jsonSchema("plan", "{not json", true)).build();

    assertThatThrownBy(() -> provider().chat(r)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'plan' is not valid JSON");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void imagesForATextOnlyModelAreRefusedBeforeAnyCall() {
    OpenRouterLlmProvider llm = provider(c -> c.model("meta-llama/llama-3.3-70b-instruct"));
    ChatRequest r = ChatRequest.builder().addMessage(ChatMessage.user(ContentPart.text("x"),
        ContentPart.image(MediaRef.url(URI.create("https://example.com/a.png"))))).build();

    assertThatThrownBy(() -> llm.chat(r)).isInstanceOf(UnsupportedCapabilityException.class)
        .hasMessageContaining("does not accept images");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void attributionHeadersAndSchemaRoutingAreConfigurable() {
    answer("chat-response-json-schema-success.json");
    OpenRouterLlmProvider llm = provider(c -> c
        .option(OpenRouterLlmProvider.OPTION_REFERER, "https://my.app")
        .option(OpenRouterLlmProvider.OPTION_TITLE, "My App")
        .option(OpenRouterLlmProvider.OPTION_CATEGORIES, "video-generation")
        .option(OpenRouterLlmProvider.OPTION_REQUIRE_PARAMETERS, "true"));

    llm.chat(ChatRequest.builder().addMessage(ChatMessage.user("x"))
        .responseFormat(ResponseFormat.jsonSchema("s", "{\"type\":\"object\"}", false))
        .extraParameter("provider", Map.of("sort", "price")).build());

    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("HTTP-Referer", equalTo("https://my.app"))
        .withHeader("X-OpenRouter-Title", equalTo("My App"))
        .withHeader("X-OpenRouter-Categories", equalTo("video-generation"))
        .withRequestBody(matchingJsonPath("$.provider.require_parameters", equalTo("true")))
        .withRequestBody(matchingJsonPath("$.provider.sort", equalTo("price")))
        .withRequestBody(matchingJsonPath("$.response_format.json_schema.strict", equalTo("false"))));
  }

  @Test
  void emptyAttributionOptionsSendNoHeaders() {
    answer("chat-response-success.json");
    provider(c -> c.option(OpenRouterLlmProvider.OPTION_REFERER, "").option(OpenRouterLlmProvider.OPTION_TITLE, " "))
        .chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).build());

    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("HTTP-Referer", absent()).withHeader("X-OpenRouter-Title", absent()));
  }

  @Test
  void invalidOptionsAreRefusedWhenBuilding() {
    assertThatThrownBy(() -> provider(c -> c.option(OpenRouterLlmProvider.OPTION_IMAGE_DETAIL, "huge")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image-detail");
    assertThatThrownBy(() -> provider(c -> c.option(OpenRouterLlmProvider.OPTION_RETRY_EMPTY_CONTENT, "maybe")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry-empty-content");
    assertThatThrownBy(() -> OpenRouterLlmProvider.builder().config(ProviderConfig.builder("openai")
        .apiKey(ApiKey.of(key)).build()).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenRouterLlmProvider.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("config");
  }

  @Test
  void aTruncatedAnswerIsReturnedAndMarked() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"gen-1\",\"model\":\"openai/gpt-4o\","
        + "\"choices\":[{\"index\":0,\"finish_reason\":\"length\",\"message\":{\"role\":\"assistant\","
        + "\"content\":\"{\\\"title\\\":\\\"Cut\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9}}")));

    ChatResponse r = provider().chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).maxTokens(9).build());

    assertThat(r.truncated()).isTrue();
    assertThat(r.content()).isEqualTo("{\"title\":\"Cut");
    assertThat(r.actualCost()).isEmpty();
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  @Test
  void aRefusalIsAContentPolicyError() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"gen-2\",\"model\":\"openai/gpt-4o\","
        + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\","
        + "\"content\":null,\"refusal\":\"I can't help with that.\"}}]}")));

    assertThatThrownBy(() -> provider().chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).build()))
        .isInstanceOfSatisfying(ContentPolicyException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.providerId()).isEqualTo("openrouter");
          assertThat(e.requestId()).contains("gen-2");
          assertThat(e.error().code()).isEqualTo("refusal");
          assertThat(e.getMessage()).contains("I can't help with that.");
        });
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  @Test
  void anAnswerWithheldByAContentFilterIsAContentPolicyError() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"gen-3\",\"choices\":[{\"index\":0,"
        + "\"finish_reason\":\"content_filter\",\"message\":{\"role\":\"assistant\",\"content\":\"\"}}]}")));

    assertThatThrownBy(() -> provider().chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).build()))
        .isInstanceOf(ContentPolicyException.class).hasMessageContaining("content filter");
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  @Test
  void theRequestsModelOverridesTheConfiguredOne() {
    answer("chat-response-success.json");
    OpenRouterLlmProvider llm = provider(c -> c.model("openai/gpt-4o"));

    llm.chat(ChatRequest.builder().model("google/gemini-2.5-flash").addMessage(ChatMessage.user("x")).build());

    assertThat(llm.model()).isEqualTo("openai/gpt-4o");
    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withRequestBody(matchingJsonPath("$.model", equalTo("google/gemini-2.5-flash"))));
  }

  @Test
  void theDefaultBaseUrlIsOpenRoutersAndTheDefaultModelIsTheDirectors() {
    OpenRouterLlmProvider llm = OpenRouterLlmProvider.builder()
        .config(ProviderConfig.builder("openrouter").apiKey(ApiKey.of(key)).build()).build();

    assertThat(llm.toString()).contains("https://openrouter.ai/api/v1").doesNotContain(key);
    assertThat(llm.model()).isEqualTo("anthropic/claude-sonnet-4.5");
    assertThat(llm.capabilities().vision()).isTrue();
    assertThat(llm.capabilities().jsonSchema()).isTrue();
  }
}
