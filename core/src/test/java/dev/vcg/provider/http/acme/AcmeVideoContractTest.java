package dev.vcg.provider.http.acme;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.testkit.TestImages;
import dev.vcg.testkit.VideoProviderContract;
import java.net.URI;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract kit run against the fake Acme video provider over real HTTP. */
class AcmeVideoContractTest extends VideoProviderContract {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static String error(int status) {
    return "{\"error\":{\"message\":\"acme says " + status + "\",\"code\":\"e" + status + "\"}}";
  }

  @Override
  protected String providerId() {
    return "acme";
  }

  @Override
  protected URI baseUrl() {
    return URI.create(wm.baseUrl() + "/v1");
  }

  @Override
  protected VideoProvider createProvider(ProviderConfig config) {
    return new AcmeProviderFactory().createVideo(config);
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
    return VideoRequest.builder().startFrame(MediaRef.bytes(TestImages.png1x1(), "image/png"))
        .endFrame(MediaRef.url(URI.create("https://cdn.example/end.png"))).prompt("the camera pushes in")
        .durationSeconds(5).aspectRatio(AspectRatio.LANDSCAPE_16_9).build();
  }

  @Override
  protected void stubJobSucceeds() {
    wm.stubFor(post(urlEqualTo("/v1/videos")).willReturn(okJson("{\"id\":\"vid_1\"}").withStatus(201)));
    wm.stubFor(get(urlEqualTo("/v1/videos/vid_1")).inScenario("job").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(okJson("{\"id\":\"vid_1\",\"status\":\"queued\"}")).willSetStateTo("running"));
    wm.stubFor(get(urlEqualTo("/v1/videos/vid_1")).inScenario("job").whenScenarioStateIs("running")
        .willReturn(okJson("{\"id\":\"vid_1\",\"status\":\"running\",\"progress\":0.5}")).willSetStateTo("done"));
    wm.stubFor(get(urlEqualTo("/v1/videos/vid_1")).inScenario("job").whenScenarioStateIs("done")
        .willReturn(okJson("{\"id\":\"vid_1\",\"status\":\"succeeded\",\"url\":\"https://cdn.example/v.mp4?sig=x\"}")));
    wm.stubFor(post(urlEqualTo("/v1/videos/vid_1/cancel")).willReturn(aResponse().withStatus(202)));
  }

  @Override
  protected void stubSubmitFails(int status) {
    wm.stubFor(post(urlEqualTo("/v1/videos")).willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withHeader("acme-request-id", "req-" + status)
        .withBody(error(status))));
  }

  @Override
  protected long cancelRequestCount() {
    return wm.findAll(postRequestedFor(urlEqualTo("/v1/videos/vid_1/cancel"))).size();
  }
}
