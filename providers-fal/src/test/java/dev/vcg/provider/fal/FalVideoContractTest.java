package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.testkit.VideoProviderContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract kit's video checks, run against fal (Kling 2.1 pro) over fal's queue contract. */
class FalVideoContractTest extends VideoProviderContract {
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

  @Override
  protected VideoProvider createProvider(ProviderConfig config) {
    return new FalProviderFactory().createVideo(config);
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
  protected VideoRequest validRequest() {
    return VideoRequest.builder().prompt("The camera slowly pushes in as the woman turns her head")
        .startFrame(MediaRef.url(URI.create("https://example.com/start-frame.jpg")))
        .endFrame(MediaRef.url(URI.create("https://example.com/end-frame.jpg"))).durationSeconds(5).build();
  }

  @Override
  protected void stubJobSucceeds() {
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-queue.json"),
        fal.json(202, "status-in-progress-kling.json"), fal.json(200, "status-completed-kling.json"));
  }

  @Override
  protected void stubSubmitFails(int status) {
    wm.stubFor(post(urlEqualTo("/" + FalStubs.KLING_21)).willReturn(FalContractFixtures.error(status)));
  }

  @Override
  protected long cancelRequestCount() {
    return wm.findAll(putRequestedFor(urlMatching(".+/cancel"))).size();
  }

  /** fal answers an exhausted balance with 403: a quota error, not a permission problem. */
  @Override
  protected Class<? extends ProviderException> expectedSubmitError(int status) {
    return status == 403 ? QuotaExceededException.class : super.expectedSubmitError(status);
  }
}
