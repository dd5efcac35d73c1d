package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.ImageProviderContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract kit's image checks, run against Runway (gen4_image) over Runway's task contract. */
class RunwayImageContractTest extends ImageProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Override
  protected String providerId() {
    return "runway";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl());
  }

  /** The kit's config, polling every 100 ms so the real sleeper keeps the test fast. */
  @Override
  protected ProviderConfig config(ApiKey key) {
    return super.config(key).toBuilder().option(RunwayProviderFactory.OPTION_IMAGE_POLL_INTERVAL, "100ms").build();
  }

  @Override
  protected ImageProvider createProvider(ProviderConfig config) {
    return new RunwayProviderFactory().createImage(config);
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
    return ImageRequest.builder().prompt("a lighthouse at dusk").size(new ImageSize(1920, 1080)).build();
  }

  @Override
  protected void stubGenerationSucceeds() {
    wm.stubFor(post(urlEqualTo("/v1/text_to_image"))
        .willReturn(okJson("{\"id\":\"" + RunwayStubs.IMAGE_TASK_ID + "\"}")));
    wm.stubFor(get(urlEqualTo("/v1/tasks/" + RunwayStubs.IMAGE_TASK_ID))
        .willReturn(RunwayStubs.json(200, "text-to-image-task-succeeded.json")));
  }

  @Override
  protected void stubGenerationFails(int status) {
    wm.stubFor(post(urlEqualTo("/v1/text_to_image")).willReturn(RunwayContractFixtures.error(status)));
  }
}
