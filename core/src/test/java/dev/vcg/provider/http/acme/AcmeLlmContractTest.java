package dev.vcg.provider.http.acme;

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

/** The contract kit run against the fake Acme chat provider over real HTTP. */
class AcmeLlmContractTest extends LlmProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Override
  protected String providerId() {
    return "acme";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl() + "/v1");
  }

  @Override
  protected LlmProvider createProvider(ProviderConfig config) {
    return new AcmeProviderFactory().createLlm(config);
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
    return ChatRequest.builder().addMessage(ChatMessage.user("say hi")).build();
  }

  @Override
  protected void stubChatSucceeds() {
    wm.stubFor(post(urlEqualTo("/v1/chat")).willReturn(okJson("{\"model\":\"acme-chat\",\"choices\":[{\"message\":"
        + "{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"input_tokens\":3,"
        + "\"output_tokens\":1}}")));
  }

  @Override
  protected void stubChatFails(int status) {
    wm.stubFor(post(urlEqualTo("/v1/chat")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(AcmeVideoContractTest.error(status))));
  }
}
