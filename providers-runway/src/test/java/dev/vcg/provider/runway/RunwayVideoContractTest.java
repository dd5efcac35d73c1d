package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.testkit.TestImages;
import dev.vcg.testkit.VideoProviderContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The provider contract kit's video checks, run against Runway (gen4_turbo) over Runway's task contract. */
class RunwayVideoContractTest extends VideoProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final RunwayStubs runway = new RunwayStubs(wm);

  @Override
  protected String providerId() {
    return "runway";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl());
  }

  @Override
  protected VideoProvider createProvider(ProviderConfig config) {
    return new RunwayProviderFactory().createVideo(config);
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
    return VideoRequest.builder().prompt("The camera slowly orbits the statue")
        .startFrame(MediaRef.bytes(TestImages.png1x1(), "image/png")).aspectRatio(AspectRatio.LANDSCAPE_16_9)
        .durationSeconds(5).build();
  }

  @Override
  protected void stubJobSucceeds() {
    runway.videoRoundTrip();
  }

  @Override
  protected void stubSubmitFails(int status) {
    wm.stubFor(post(urlEqualTo("/v1/image_to_video")).willReturn(RunwayContractFixtures.error(status)));
  }

  @Override
  protected long cancelRequestCount() {
    return wm.findAll(deleteRequestedFor(urlEqualTo(RunwayStubs.TASK))).size();
  }
}
