package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.testkit.ImageProviderContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract kit's image checks, run against fal (FLUX dev) over fal's queue contract. */
class FalImageContractTest extends ImageProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FalStubs fal = new FalStubs(wm);

  @Override
  protected String providerId() {
    return "fal";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl());
  }

  /** The kit's config, polling every 100 ms so the real sleeper keeps the test fast. */
  @Override
  protected ProviderConfig config(ApiKey key) {
    return super.config(key).toBuilder().option(FalProviderFactory.OPTION_IMAGE_POLL_INTERVAL, "100ms").build();
  }

  @Override
  protected ImageProvider createProvider(ProviderConfig config) {
    return new FalProviderFactory().createImage(config);
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
    return ImageRequest.builder().prompt("a lighthouse at dusk").size(new ImageSize(1024, 768)).seed(42L).build();
  }

  @Override
  protected void stubGenerationSucceeds() {
    wm.stubFor(post(urlEqualTo("/fal-ai/flux/dev")).willReturn(fal.json(200, "queue-submit-response-flux-dev.json")));
    wm.stubFor(get(urlPathEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID + "/status"))
        .willReturn(fal.json(200, "status-completed.json")));
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FalStubs.FLUX_ID))
        .willReturn(fal.json(200, "flux-dev-result.json")));
  }

  @Override
  protected void stubGenerationFails(int status) {
    wm.stubFor(post(urlEqualTo("/fal-ai/flux/dev")).willReturn(FalContractFixtures.error(status)));
  }

  /** fal answers an exhausted balance with 403: a quota error, not a permission problem. */
  @Override
  protected Class<? extends ProviderException> expectedError(int status) {
    return status == 403 ? QuotaExceededException.class : super.expectedError(status);
  }
}
