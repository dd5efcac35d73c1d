package dev.vcg.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.ImageProviderContract;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The image contract of the test kit, for OpenAI's Images API. */
class OpenAiImageContractTest extends ImageProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Map<Integer, String> ERRORS = Map.of(
      400, "error-400-invalid-request.json", 401, "error-401-invalid-api-key.json",
      404, "error-404-model-not-found.json", 429, "error-429-rate-limit.json", 500, "error-500-server.json",
      503, "error-503-overloaded.json");

  /** The documented error body of a status, or a body of the same shape for statuses without a fixture. */
  static String errorBody(int status) {
    return ERRORS.containsKey(status) ? Fixtures.read(ERRORS.get(status))
        : "{\"error\":{\"message\":\"status " + status + "\",\"type\":\"invalid_request_error\",\"param\":null,"
            + "\"code\":\"e" + status + "\"}}";
  }

  @Override
  protected String providerId() {
    return "openai";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl() + "/v1");
  }

  @Override
  protected ImageProvider createProvider(ProviderConfig config) {
    return new OpenAiProviderFactory().createImage(config);
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
  protected ImageRequest validRequest() {
    return ImageRequest.builder().prompt("A watercolor fox in a snowy forest").size(new ImageSize(1024, 1536)).build();
  }

  @Override
  protected void stubGenerationSucceeds() {
    wm.stubFor(post(urlEqualTo("/v1/images/generations"))
        .willReturn(okJson(Fixtures.read("images-generations-response-gpt-image-1.json"))));
  }

  @Override
  protected void stubGenerationFails(int status) {
    wm.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(errorBody(status))));
  }
}
