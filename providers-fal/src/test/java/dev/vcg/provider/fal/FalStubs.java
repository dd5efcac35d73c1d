package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.MutableClock;
import dev.vcg.testkit.RecordingSleeper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/** Serves fal's documented fixtures from WireMock, with fal's hosts replaced by the stub's. */
final class FalStubs {
  static final String FLUX_ID = "764cabcf-b745-4b3e-ae38-1200304cf45b";
  static final String SDXL_ID = "80e732af-660e-45cd-bd63-580e4f2a94cc";
  static final String KLING_ID = "d1c2f1e3-5a0b-4c7e-9a12-3b4c5d6e7f80";
  static final String KLING_21 = "fal-ai/kling-video/v2.1/pro/image-to-video";

  final WireMockExtension wm;
  final MutableClock clock = MutableClock.create();
  final RecordingSleeper sleeper = new RecordingSleeper(clock);
  final ApiKey key = ApiKey.of("fal-test-" + UUID.randomUUID());

  FalStubs(WireMockExtension wm) {
    this.wm = wm;
  }

  /** @return a config pointing at the stub, with a random key and a generous request timeout (the machine may be busy) */
  ProviderConfig.Builder config(String model) {
    ProviderConfig.Builder b = ProviderConfig.builder("fal").apiKey(key).baseUrl(URI.create(wm.baseUrl()))
        .requestTimeout(Duration.ofSeconds(30));
    if (model != null) {
      b.model(model);
    }
    return b;
  }

  FalImageProvider image(ProviderConfig config) {
    return FalImageProvider.builder().config(config).clock(clock).sleeper(sleeper).build();
  }

  FalVideoProvider video(ProviderConfig config) {
    return FalVideoProvider.builder().config(config).clock(clock).sleeper(sleeper).build();
  }

  /** @return the fixture's text with fal's queue host replaced by the stub's base URL */
  String fixture(String name) {
    return raw(name).replace("https://queue.fal.run", wm.baseUrl());
  }

  static String raw(String name) {
    try (InputStream in = FalStubs.class.getResourceAsStream("/fixtures/fal/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ResponseDefinitionBuilder json(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
  }

  /** Stubs the submit of a model. */
  void submit(String model, ResponseDefinitionBuilder response) {
    wm.stubFor(post(urlEqualTo("/" + model)).willReturn(response));
  }

  /** Stubs {@code GET path} (query ignored) to answer with the responses in turn; the last repeats. */
  void sequence(String path, ResponseDefinitionBuilder... responses) {
    sequence(p -> get(urlPathEqualTo(p)), path, responses);
  }

  void sequence(Function<String, MappingBuilder> method, String path, ResponseDefinitionBuilder... responses) {
    String scenario = path + UUID.randomUUID();
    for (int i = 0; i < responses.length; i++) {
      ScenarioMappingBuilder m = method.apply(path).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "s" + i).willReturn(responses[i]);
      if (i < responses.length - 1) {
        m = m.willSetStateTo("s" + (i + 1));
      }
      wm.stubFor(m);
    }
  }

  /** Stubs a whole FLUX dev round trip: submit, queued, running, completed, result. */
  void fluxRoundTrip(String model) {
    submit(model, json(200, "queue-submit-response-flux-dev.json").withHeader("x-fal-request-id", FLUX_ID));
    sequence("/fal-ai/flux/requests/" + FLUX_ID + "/status", json(202, "status-in-queue.json"),
        json(202, "status-in-progress.json"), json(200, "status-completed.json"));
    wm.stubFor(get(urlEqualTo("/fal-ai/flux/requests/" + FLUX_ID)).willReturn(json(200, "flux-dev-result.json")
        .withHeader("x-fal-request-id", FLUX_ID)));
    wm.stubFor(put(urlEqualTo("/fal-ai/flux/requests/" + FLUX_ID + "/cancel"))
        .willReturn(json(202, "cancel-response-202-cancellation-requested.json")));
  }

  /** Stubs a Kling submit and its status, result and cancel URLs. */
  void klingRoundTrip(String model, ResponseDefinitionBuilder... statuses) {
    submit(model, json(200, "queue-submit-response-kling.json"));
    sequence("/fal-ai/kling-video/requests/" + KLING_ID + "/status", statuses);
    wm.stubFor(get(urlEqualTo("/fal-ai/kling-video/requests/" + KLING_ID))
        .willReturn(json(200, "kling-i2v-result.json")));
    wm.stubFor(put(urlEqualTo("/fal-ai/kling-video/requests/" + KLING_ID + "/cancel"))
        .willReturn(json(202, "cancel-response-202-cancellation-requested.json")));
  }
}
