package dev.vcg.provider.openai;

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
import org.junit.jupiter.api.extension.RegisterExtension;

/** The language-model contract of the test kit, for OpenAI chat. */
class OpenAiLlmContractTest extends LlmProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Override
  protected String providerId() {
    return "openai";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl() + "/v1");
  }

  @Override
  protected LlmProvider createProvider(ProviderConfig config) {
    return new OpenAiProviderFactory().createLlm(config);
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
    return ChatRequest.builder().addMessage(ChatMessage.user("What is shown in this image?")).build();
  }

  @Override
  protected void stubChatSucceeds() {
    wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson(Fixtures.read("chat-response-vision.json"))));
  }

  @Override
  protected void stubChatFails(int status) {
    wm.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(OpenAiImageContractTest.errorBody(status))));
  }
}
