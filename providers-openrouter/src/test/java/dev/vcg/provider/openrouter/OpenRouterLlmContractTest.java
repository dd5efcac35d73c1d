package dev.vcg.provider.openrouter;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.provider.ChatMessage;
import dev.vcg.provider.ChatRequest;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.LlmProviderContract;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The language-model contract of the test kit, for OpenRouter, against its documented answers. */
class OpenRouterLlmContractTest extends LlmProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  /** The documented error bodies, by status; 403 is a plain permission error, not a moderation flag. */
  private static final Map<Integer, String> ERRORS = Map.of(
      400, "error-400-invalid-request.json", 401, "error-401-unauthorized.json",
      402, "error-402-payment-required.json", 404, "error-404-model-deprecated.json",
      429, "error-429-rate-limited.json", 500, "error-500-server.json", 502, "error-502-provider.json",
      503, "error-503-no-provider.json");

  @Override
  protected String providerId() {
    return "openrouter";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl() + "/api/v1");
  }

  @Override
  protected LlmProvider createProvider(ProviderConfig config) {
    return new OpenRouterProviderFactory().createLlm(config);
  }

  @Override
  protected long requestCount() {
    return wm.getAllServeEvents().size();
  }

  @Override
  protected void resetServer() {
    wm.resetAll();
  }

  @Override
  protected ChatRequest validRequest() {
    return ChatRequest.builder().addMessage(ChatMessage.user("Write a one-line tagline for a coffee shop.")).build();
  }

  @Override
  protected void stubChatSucceeds() {
    wm.stubFor(post(urlEqualTo("/api/v1/chat/completions"))
        .willReturn(okJson(Fixtures.read("chat-response-success.json"))));
  }

  @Override
  protected void stubChatFails(int status) {
    String body = ERRORS.containsKey(status) ? Fixtures.read(ERRORS.get(status))
        : "{\"error\":{\"code\":" + status + ",\"message\":\"Forbidden for this key\","
            + "\"metadata\":{\"error_type\":\"permission_denied\"}}}";
    wm.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }
}
