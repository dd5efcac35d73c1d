package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.ChatResponse;
import dev.vcg.provider.ContentPart;
import dev.vcg.provider.LlmCapabilities;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ResponseFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link LlmProvider} passes: capabilities declared and honoured (images to a
 * model without vision, too many images, a JSON mode it lacks fail with
 * {@link dev.vcg.provider.UnsupportedCapabilityException} before any call), a chat that returns
 * content, errors typed by status (chat is idempotent: 5xx is a
 * {@link dev.vcg.provider.ServerException}), no I/O at construction, and a canary API key that
 * never shows in logs, exceptions or {@code toString}.
 *
 * <p>Extend it like {@link VideoProviderContract}.
 */
public abstract class LlmProviderContract {
  /** @return the provider id, e.g. {@code openrouter} */
  protected abstract String providerId();

  /** @return the base URL of the stub server */
  protected abstract URI baseUrl();

  /**
   * Builds the provider under test, typically through its factory.
   *
   * @param config the config the kit chose (see {@link #config(ApiKey)})
   * @return the provider
   */
  protected abstract LlmProvider createProvider(ProviderConfig config);

  /** @return how many requests reached the stub server so far */
  protected abstract long requestCount();

  /** Forgets all stubs and recorded requests. */
  protected abstract void resetServer();

  /** @return a plain text chat the provider's model accepts */
  protected abstract ChatRequest validRequest();

  /** Stubs a successful answer to {@link #validRequest()}. */
  protected abstract void stubChatSucceeds();

  /**
   * Stubs the chat call to fail with this status and the provider's documented error body.
   *
   * @param status an HTTP status from {@link #errorStatuses()}
   */
  protected abstract void stubChatFails(int status);

  /**
   * The config the kit builds providers with. Override to add provider options.
   *
   * @param key the API key to use
   * @return the config
   */
  protected ProviderConfig config(ApiKey key) {
    return ProviderConfig.builder(providerId()).apiKey(key).baseUrl(baseUrl()).maxRetries(0)
        .option("http.circuit-breaker", "false").build();
  }

  /** @return the statuses {@link #errorsAreTyped()} checks */
  protected Set<Integer> errorStatuses() {
    return Set.of(400, 401, 402, 403, 404, 429, 500, 502, 503);
  }

  /**
   * The exception a failed chat must raise; by default the HTTP layer's table for an idempotent
   * call. Override for statuses the provider documents differently.
   *
   * @param status the HTTP status
   * @return the expected type (subtypes pass)
   */
  protected Class<? extends ProviderException> expectedError(int status) {
    return ContractSupport.expectedError(status, false);
  }

  private ApiKey testKey() {
    return ApiKey.of("sk-test-" + UUID.randomUUID());
  }

  /** The provider says who it is and what its model can do. */
  @Test
  void declaresItsIdentityAndCapabilities() {
    LlmProvider provider = createProvider(config(testKey()));

    assertThat(provider.id()).isEqualTo(providerId());
    assertThat(provider.model()).isNotBlank();
    LlmCapabilities caps = provider.capabilities();
    assertThat(caps).isNotNull();
    assertThat(caps.vision() || caps.maxImages() == 0).as("a model without vision takes no images").isTrue();
  }

  /** Building a provider talks to nobody. */
  @Test
  void constructionDoesNoIo() {
    long before = requestCount();
    createProvider(config(testKey()));
    assertThat(requestCount()).isEqualTo(before);
  }

  /** Each request the capabilities forbid fails before any request is sent. */
  @TestFactory
  Stream<DynamicTest> refusesForbiddenRequestsBeforeAnyCall() {
    LlmProvider provider = createProvider(config(testKey()));
    LlmCapabilities caps = provider.capabilities();
    ChatRequest valid = validRequest();
    MediaRef image = MediaRef.bytes(TestImages.png1x1(), "image/png");
    Map<String, ChatRequest> forbidden = new LinkedHashMap<>();
    List<ContentPart> parts = new ArrayList<>();
    parts.add(ContentPart.text("describe these"));
    for (int i = 0; i <= caps.maxImages(); i++) {
      parts.add(ContentPart.image(image));
    }
    forbidden.put((caps.maxImages() + 1) + " images", valid.toBuilder()
        .addMessage(ChatMessage.user(parts.toArray(new ContentPart[0]))).build());
    if (!caps.jsonObject()) {
      forbidden.put("JSON mode", valid.toBuilder().responseFormat(ResponseFormat.JSON_OBJECT).build());
    }
    if (!caps.jsonSchema()) {
      forbidden.put("a JSON schema", valid.toBuilder().responseFormat(ResponseFormat.jsonSchema("answer",
          "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}", true)).build());
    }
    return forbidden.entrySet().stream().map(e -> DynamicTest.dynamicTest("refuses " + e.getKey(), () ->
        ContractSupport.assertRefusedBeforeAnyCall(providerId(), e.getKey(), this::requestCount,
            () -> provider.chat(e.getValue()))));
  }

  /** A valid chat returns content. */
  @Test
  void chats() {
    stubChatSucceeds();
    ChatResponse response = createProvider(config(testKey())).chat(validRequest());

    assertThat(response).isNotNull();
    assertThat(response.content()).isNotNull();
    assertThat(response.model()).isNotBlank();
  }

  /** Vision models take an image when their capabilities say so (skipped for text-only models). */
  @Test
  void visionModelsTakeAnImage() {
    LlmProvider provider = createProvider(config(testKey()));
    assumeTrue(provider.capabilities().vision() && provider.capabilities().maxImages() > 0,
        "the model has no vision");
    stubChatSucceeds();
    ChatRequest withImage = validRequest().toBuilder().addMessage(ChatMessage.user(ContentPart.text("what is this?"),
        ContentPart.image(MediaRef.bytes(TestImages.png1x1(), "image/png")))).build();

    assertThat(provider.chat(withImage).content()).isNotNull();
  }

  /** Every documented failure raises its exception type with status and provider id. */
  @TestFactory
  Stream<DynamicTest> errorsAreTyped() {
    return errorStatuses().stream().sorted().map(status -> DynamicTest.dynamicTest("HTTP " + status, () -> {
      resetServer();
      stubChatFails(status);
      LlmProvider provider = createProvider(config(testKey()));
      ContractSupport.assertTypedError(providerId(), status, expectedError(status),
          () -> provider.chat(validRequest()));
    }));
  }

  /** A canary key never shows in captured logs (TRACE), exceptions, stack traces or toString. */
  @Test
  void apiKeyNeverLeaks() {
    ContractSupport.assertCapturingLogs();
    Canary canary = Canary.create();
    CapturedLogs.clear();
    List<Object> seen = new ArrayList<>();
    LlmProvider provider = createProvider(config(canary.key()));
    seen.add(provider);
    seen.add(provider.capabilities());

    stubChatSucceeds();
    ChatResponse response = provider.chat(validRequest());
    seen.add(response);
    for (int code : List.of(401, 500)) {
      resetServer();
      stubChatFails(code);
      seen.add(catchThrowable(() -> provider.chat(validRequest())));
    }
    assertThat(requestCount()).as("requests that carried the key").isPositive();
    seen.add(CapturedLogs.text());

    canary.assertAbsent(seen.toArray());
  }
}
