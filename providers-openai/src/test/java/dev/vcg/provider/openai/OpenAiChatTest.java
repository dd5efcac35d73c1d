package dev.vcg.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.InvalidInputException;
import dev.vcg.cost.Money;
import dev.vcg.internal.Json;
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
import dev.vcg.testkit.RecordingSleeper;
import java.net.URI;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every chat call against the documented OpenAI contract: request bodies, headers, answers. */
class OpenAiChatTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PATH = "/v1/chat/completions";
  static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

  private final String key = "sk-proj-test-" + UUID.randomUUID();

  private OpenAiLlmProvider provider(Consumer<ProviderConfig.Builder> custom) {
    ProviderConfig.Builder c = ProviderConfig.builder("openai").apiKey(ApiKey.of(key))
        .baseUrl(URI.create(wm.baseUrl() + "/v1"));
    custom.accept(c);
    return OpenAiLlmProvider.builder().config(c.build()).sleeper(new RecordingSleeper()).build();
  }

  /** A 200 with the typical headers of {@code response-headers-example.json}. */
  static ResponseDefinitionBuilder answer(String fixture) {
    ResponseDefinitionBuilder r = aResponse().withStatus(200).withBody(Fixtures.read(fixture));
    JsonNode headers = readJson("response-headers-example.json");
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> h = it.next();
      if (!h.getKey().startsWith("_")) {
        r = r.withHeader(h.getKey(), h.getValue().asText());
      }
    }
    return r;
  }

  static JsonNode readJson(String fixture) {
    try {
      return Json.mapper().readTree(Fixtures.read(fixture));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void visionWithADataUrlMatchesTheDocumentedRequest() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer("chat-response-vision.json")));
    OpenAiLlmProvider llm = provider(c -> c.model("gpt-4o").option(OpenAiProviderFactory.OPTION_IMAGE_DETAIL, "low"));

    ChatResponse r = llm.chat(ChatRequest.builder()
        .addMessage(ChatMessage.user(ContentPart.text("What is shown in this image? Answer in one sentence."),
            ContentPart.image(MediaRef.bytes(Base64.getDecoder().decode(PIXEL), "image/png"))))
        .maxTokens(300).build());

    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("Authorization", equalTo("Bearer " + key))
        .withHeader("Content-Type", equalTo("application/json"))
        .withHeader("OpenAI-Organization", absent())
        .withRequestBody(equalToJson(Fixtures.read("chat-request-vision-data-url.json"))));
    assertThat(r.content()).isEqualTo("A single white pixel on a transparent background.");
    assertThat(r.model()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.usage()).isEqualTo(new TokenUsage(101, 11));
    assertThat(r.requestId()).isEqualTo("req_0123456789abcdef0123456789abcdef");
    // gpt-4o list price: $2.50 / $10.00 per million tokens
    assertThat(r.actualCost()).contains(Money.usd("0.0003625"));
  }

  @Test
  void structuredOutputMatchesTheDocumentedRequest() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer("chat-response-structured-output.json")));
    String schema = "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"date\":{\"type\":\"string\"},"
        + "\"participants\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"location\":{\"type\":[\"string\",\"null\"]}},"
        + "\"required\":[\"name\",\"date\",\"participants\",\"location\"],\"additionalProperties\":false}";

    ChatResponse r = provider(c -> c.model("gpt-4o-2024-08-06")).chat(ChatRequest.builder()
        .addMessage(ChatMessage.system("Extract the event information."))
        .addMessage(ChatMessage.user(ContentPart.text("Read the poster and extract the event."),
            ContentPart.image(MediaRef.url(URI.create("https://example.com/poster.jpg")))))
        .responseFormat(ResponseFormat.jsonSchema("calendar_event", schema, true)).build());

    // the optional schema description of the documented request is not modelled by ResponseFormat
    ObjectNode expected = (ObjectNode) readJson("chat-request-structured-output.json");
    ((ObjectNode) expected.get("response_format").get("json_schema")).remove("description");
    wm.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(expected.toString())));
    assertThat(r.content()).isEqualTo(
        "{\"name\":\"Science Fair\",\"date\":\"2026-09-12\",\"participants\":[\"Alice\",\"Bob\"],\"location\":null}");
    assertThat(r.truncated()).isFalse();
    assertThat(r.usage()).isEqualTo(new TokenUsage(893, 29));
    // the dated snapshot is priced as gpt-4o
    assertThat(r.actualCost()).contains(Money.usd("0.0025225"));
  }

  @Test
  void jsonModeTemperatureSeedAndExtrasAreSent() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer("chat-response-vision.json")));

    provider(c -> c.model("gpt-4o-mini")).chat(ChatRequest.builder()
        .addMessage(ChatMessage.system("Answer in JSON."))
        .addMessage(ChatMessage.user("Hi"))
        .responseFormat(ResponseFormat.JSON_OBJECT).temperature(0.2).seed(42L)
        .addFallbackModel("gpt-4o")
        .extraParameter("service_tier", "flex").extraParameter("metadata", Map.of("run", "r1")).build());

    wm.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson(
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer in JSON.\"},"
            + "{\"role\":\"user\",\"content\":\"Hi\"}],\"response_format\":{\"type\":\"json_object\"},"
            + "\"temperature\":0.2,\"seed\":42,\"service_tier\":\"flex\",\"metadata\":{\"run\":\"r1\"}}")));
  }

  @Test
  void organizationAndProjectHeadersAreSentWhenConfigured() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer("chat-response-vision.json")));

    provider(c -> c.option(OpenAiProviderFactory.OPTION_ORGANIZATION, "org-example")
        .option(OpenAiProviderFactory.OPTION_PROJECT, "proj_example"))
        .chat(ChatRequest.builder().addMessage(ChatMessage.user("Hi")).build());

    wm.verify(postRequestedFor(urlEqualTo(PATH))
        .withHeader("OpenAI-Organization", equalTo("org-example"))
        .withHeader("OpenAI-Project", equalTo("proj_example"))
        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o"))));
  }

  @Test
  void aRefusalIsATypedContentPolicyError() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(answer("chat-response-refusal.json")));

    assertThatThrownBy(() -> provider(c -> { }).chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).build()))
        .isInstanceOfSatisfying(ContentPolicyException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.providerId()).isEqualTo("openai");
          assertThat(e.error().code()).isEqualTo("refusal");
          assertThat(e.requestId()).contains("req_0123456789abcdef0123456789abcdef");
          assertThat(e.getMessage()).contains("I'm sorry, I can't help with that request.");
        });
    assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
  }

  @Test
  void aTruncatedAnswerIsVisible() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(Fixtures.read("chat-response-length.json"))));

    ChatResponse r = provider(c -> { }).chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).maxTokens(8).build());

    assertThat(r.truncated()).isTrue();
    assertThat(r.finishReason()).isEqualTo("length");
    assertThat(r.content()).isEqualTo("{\"name\":\"Science Fa");
    assertThat(r.requestId()).isEqualTo("chatcmpl-C7a4b5c6d7e8f9g0h1i2j3kLmQ");
  }

  @Test
  void anAnswerWithheldByTheContentFilterIsAContentPolicyError() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o\",\"choices\":"
        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null},\"finish_reason\":\"content_filter\"}]}")));

    assertThatThrownBy(() -> provider(c -> { }).chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).build()))
        .isInstanceOf(ContentPolicyException.class).hasMessageContaining("content filter");
  }

  @Test
  void unknownModelsWorkWithoutACost() {
    wm.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\":\"chatcmpl-2\",\"model\":\"o9-preview\",\"choices\":"
        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}")));
    OpenAiLlmProvider llm = provider(c -> c.model("o9-preview"));

    ChatResponse r = llm.chat(ChatRequest.builder().addMessage(ChatMessage.user("x")).build());

    assertThat(llm.capabilities().jsonSchema()).isTrue();
    assertThat(r.content()).isEqualTo("ok");
    assertThat(r.actualCost()).isEmpty();
    assertThat(r.usage()).isEqualTo(new TokenUsage(3, 1));
  }

  @Test
  void anImageModelInTheConfigDoesNotBecomeTheChatModel() {
    assertThat(provider(c -> c.model("gpt-image-1")).model()).isEqualTo("gpt-4o");
    assertThat(provider(c -> c.model("gpt-image-1").option(OpenAiProviderFactory.OPTION_LLM_MODEL, "gpt-4.1")).model())
        .isEqualTo("gpt-4.1");
  }

  @Test
  void badInputFailsBeforeAnyCall() {
    ChatRequest gif = ChatRequest.builder().addMessage(ChatMessage.user(ContentPart.text("x"),
        ContentPart.image(MediaRef.bytes("not an image".getBytes(), null)))).build();
    ChatRequest schema = ChatRequest.builder().addMessage(ChatMessage.user("x"))
        .responseFormat(ResponseFormat.jsonSchema("s", "[1,2]", true)).build();

    assertThatThrownBy(() -> provider(c -> { }).chat(gif)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> provider(c -> { }).chat(schema)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> provider(c -> c.option(OpenAiProviderFactory.OPTION_IMAGE_DETAIL, "ultra")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image-detail");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
