package dev.vcg.provider.http.acme;

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
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit run against the fake Acme image provider over real HTTP. */
class AcmeImageContractTest extends ImageProviderContract {
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
  protected ImageProvider createProvider(ProviderConfig config) {
    return new AcmeProviderFactory().createImage(config);
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
    return ImageRequest.builder().prompt("a lighthouse at dusk").size(new ImageSize(1024, 1024)).build();
  }

  @Override
  protected void stubGenerationSucceeds() {
    wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(okJson(
        "{\"data\":[{\"url\":\"https://cdn.example/i.png\",\"width\":1024,\"height\":1024}]}")));
  }

  @Override
  protected void stubGenerationFails(int status) {
    wm.stubFor(post(urlEqualTo("/v1/images")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(AcmeVideoContractTest.error(status))));
  }
}
