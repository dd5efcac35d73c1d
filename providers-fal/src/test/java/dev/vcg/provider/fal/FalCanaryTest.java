package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoRequest;
import dev.vcg.testkit.Canary;
import dev.vcg.testkit.CapturedLogs;
import dev.vcg.testkit.MutableClock;
import dev.vcg.testkit.RecordingSleeper;
import dev.vcg.testkit.WorkflowCanary;
import dev.vcg.workflow.Key;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.Step;
import dev.vcg.workflow.Workflow;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.provider.VideoResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A canary key {@code sk-CANARY-<random>} runs through success and failure paths, with request and
 * response logging switched on; it must not show in logs (captured at TRACE), exceptions, or the
 * {@code toString} and JSON of anything returned.
 */
class FalCanaryTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FalStubs fal = new FalStubs(wm);
  private final Canary canary = Canary.create();
  private final List<Object> seen = new ArrayList<>();

  /** A config with a request timeout generous enough for a busy machine. */
  private ProviderConfig config(String model) {
    return config(model, Duration.ofSeconds(30));
  }

  private ProviderConfig config(String model, Duration requestTimeout) {
    return ProviderConfig.builder("fal").apiKey(canary.key()).baseUrl(URI.create(wm.baseUrl())).model(model)
        .requestTimeout(requestTimeout).option("http.log", "true").build();
  }

  private void attempt(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      seen.add(e);
    }
  }

  @Test
  void canaryKeyNeverShows() throws Exception {
    assertThat(CapturedLogs.active()).as("the test-kit SLF4J backend captures logs").isTrue();
    CapturedLogs.clear();
    MutableClock clock = MutableClock.create();
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    FalImageProvider flux = FalImageProvider.builder().config(config("fal-ai/flux/dev")).clock(clock).sleeper(sleeper)
        .build();
    FalVideoProvider kling = FalVideoProvider.builder().config(config(FalStubs.KLING_21)).clock(clock)
        .sleeper(sleeper).build();
    seen.add(flux);
    seen.add(kling);
    seen.add(config("fal-ai/flux/dev"));
    seen.add(new FalProviderFactory());

    // success paths
    fal.fluxRoundTrip("fal-ai/flux/dev");
    ImageResult image = flux.generate(ImageRequest.builder().prompt("x").build());
    seen.add(image);
    seen.add(Json.mapper().writeValueAsString(image));
    fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-queue.json"),
        fal.json(200, "status-completed-kling.json"));
    VideoRequest clip = VideoRequest.builder().prompt("x")
        .startFrame(MediaRef.url(URI.create("https://example.com/a.jpg"))).build();
    VideoJob job = kling.submit(clip);
    seen.add(job);
    seen.add(Json.mapper().writeValueAsString(job));
    JobStatus queued = kling.poll(job);
    JobStatus done = kling.poll(job);
    seen.add(queued);
    seen.add(done);
    seen.add(Json.mapper().writeValueAsString(done));
    kling.cancel(job);
    wm.verify(postRequestedFor(urlEqualTo("/" + FalStubs.KLING_21))
        .withHeader("Authorization", equalTo("Key " + canary.value())));

    // failure paths: a provider that echoes the key back, server errors, broken connections, timeouts
    fal.submit(FalStubs.KLING_21, aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"detail\":\"Invalid key " + canary.value() + "\"}"));
    attempt(() -> kling.submit(clip));
    fal.submit(FalStubs.KLING_21, aResponse().withStatus(422).withHeader("Content-Type", "application/json")
        .withHeader("x-fal-request-id", canary.value())
        .withBody("{\"detail\":[{\"loc\":[\"body\",\"prompt\"],\"msg\":\"bad " + canary.value() + "\","
            + "\"type\":\"value_error\"}]}"));
    attempt(() -> kling.submit(clip));
    fal.submit(FalStubs.KLING_21, fal.json(500, "error-500-internal.json"));
    attempt(() -> kling.submit(clip));
    fal.submit(FalStubs.KLING_21, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    attempt(() -> kling.submit(clip));
    fal.submit(FalStubs.KLING_21, fal.json(200, "queue-submit-response-kling.json").withFixedDelay(2000));
    FalVideoProvider hasty = FalVideoProvider.builder().config(config(FalStubs.KLING_21, Duration.ofMillis(700)))
        .clock(clock).sleeper(sleeper).build();
    attempt(() -> hasty.submit(clip));
    fal.sequence("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status",
        aResponse().withStatus(503).withBody("down " + canary.value()));
    attempt(() -> kling.poll(job));
    fal.sequence("/fal-ai/kling-video/requests/" + FalStubs.KLING_ID + "/status", aResponse().withStatus(200)
        .withBody("{\"status\":\"COMPLETED\",\"error\":\"key " + canary.value() + " refused\","
            + "\"error_type\":\"runner_" + canary.value() + "\"}"));
    JobStatus failed = kling.poll(job);
    assertThat(failed.failure()).contains("[redacted]");
    seen.add(failed);
    fal.submit("fal-ai/flux/dev", aResponse().withStatus(403).withBody("{\"detail\":\"User is locked. Reason:"
        + " Exhausted balance. " + canary.value() + "\"}"));
    attempt(() -> flux.generate(ImageRequest.builder().prompt("x").build()));

    assertThat(seen).hasSizeGreaterThan(15);
    for (Object o : seen) {
      canary.assertAbsent(o);
    }
    String logs = CapturedLogs.text();
    assertThat(logs).contains("[fal]").contains("[redacted]");
    canary.assertAbsent(logs);
  }

  @Test
  void canaryKeyNeverShowsInWorkflowEventsOrCheckpoints(@TempDir Path dir) {
    MutableClock clock = MutableClock.create();
    RecordingSleeper sleeper = new RecordingSleeper(clock);
    FalImageProvider flux = FalImageProvider.builder().config(config("fal-ai/flux/dev")).clock(clock).sleeper(sleeper)
        .build();
    FalVideoProvider kling = FalVideoProvider.builder().config(config(FalStubs.KLING_21)).clock(clock)
        .sleeper(sleeper).build();
    Key<ImageResult> still = Key.of("still", ImageResult.class);
    Key<VideoResult> clip = Key.of("clip", VideoResult.class);
    VideoRequest request = VideoRequest.builder().prompt("x")
        .startFrame(MediaRef.url(URI.create("https://example.com/a.jpg"))).build();

    try (WorkflowCanary runs = new WorkflowCanary(dir)) {
      fal.fluxRoundTrip("fal-ai/flux/dev");
      fal.klingRoundTrip(FalStubs.KLING_21, fal.json(202, "status-in-queue.json"),
          fal.json(200, "status-completed-kling.json"));
      assertThat(runs.run(Workflow.builder("fal-ok")
          .step(Step.of(still, ctx -> flux.generate(ImageRequest.builder().prompt("x").build())))
          .step(Step.video(clip, kling, ctx -> request)).build()).status()).isEqualTo(RunStatus.COMPLETED);

      wm.resetAll();
      fal.submit("fal-ai/flux/dev", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
          .withBody("{\"detail\":\"Invalid key " + canary.value() + "\"}"));
      assertThat(runs.run(Workflow.builder("fal-refused")
          .step(Step.of(still, ctx -> flux.generate(ImageRequest.builder().prompt("x").build()))).build()).status())
          .isEqualTo(RunStatus.FAILED);

      wm.resetAll();
      fal.klingRoundTrip(FalStubs.KLING_21, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
          .withBody("{\"status\":\"COMPLETED\",\"error\":\"key " + canary.value() + " refused\","
              + "\"error_type\":\"runner_server_error\"}"));
      assertThat(runs.run(Workflow.builder("fal-job-failed").step(Step.video(clip, kling, ctx -> request)).build())
          .status()).isEqualTo(RunStatus.FAILED);

      assertThat(runs.events()).filteredOn(e -> e instanceof WorkflowEvent.RunFailed).hasSize(2)
          .allSatisfy(e -> assertThat(((WorkflowEvent.RunFailed) e).message()).contains("fal"));
      assertThat(runs.events()).anySatisfy(e -> assertThat(e).isInstanceOf(WorkflowEvent.JobSubmitted.class));
      runs.assertAbsent(canary);
    }
  }
}
