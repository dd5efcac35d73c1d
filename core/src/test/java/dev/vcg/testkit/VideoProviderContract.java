package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.vcg.internal.Json;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.JobState;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link VideoProvider} passes: capabilities declared and honoured (a request
 * they forbid fails with {@link dev.vcg.provider.UnsupportedCapabilityException} before any call),
 * a job submitted, polled to success and followed from a checkpoint by another instance, errors
 * typed by status, cancellation reaching the remote job, no I/O at construction, and a canary API
 * key that never shows in logs, exceptions or {@code toString}.
 *
 * <p>Extend it in the provider's tests and supply a stub server (WireMock on a random loopback
 * port) that replays the provider's documented contract:
 *
 * <pre>{@code
 * class FalVideoContractTest extends VideoProviderContract {
 *   @RegisterExtension
 *   static WireMockExtension wm = WireMockExtension.newInstance()
 *       .options(wireMockConfig().dynamicPort()).build();
 *
 *   protected String providerId() { return "fal"; }
 *   protected URI baseUrl() { return URI.create(wm.baseUrl()); }
 *   protected VideoProvider createProvider(ProviderConfig config) {
 *     return new FalProviderFactory().createVideo(config);
 *   }
 *   protected long requestCount() { return wm.getAllServeEvents().size(); }
 *   protected void resetServer() { wm.resetAll(); }
 *   protected VideoRequest validRequest() { return VideoRequest.builder()...build(); }
 *   protected void stubJobSucceeds() { ... submit, status COMPLETED, result, cancel ... }
 *   protected void stubSubmitFails(int status) { ... the fixture for that status ... }
 *   protected long cancelRequestCount() {
 *     return wm.findAll(putRequestedFor(urlMatching(".+/cancel"))).size();
 *   }
 * }
 * }</pre>
 *
 * <p>The kit builds providers from {@link #config(ApiKey)}: the test server's base URL, no
 * retries and no circuit breaker, so error tests are fast and independent. Each test method starts
 * from a fresh server state (WireMock's extension resets between tests); the kit calls
 * {@link #resetServer()} between the sub-cases of one test.
 */
public abstract class VideoProviderContract {
  /** @return the provider id, e.g. {@code fal} */
  protected abstract String providerId();

  /** @return the base URL of the stub server */
  protected abstract URI baseUrl();

  /**
   * Builds the provider under test, typically through its factory.
   *
   * @param config the config the kit chose (see {@link #config(ApiKey)})
   * @return the provider
   */
  protected abstract VideoProvider createProvider(ProviderConfig config);

  /** @return how many requests reached the stub server so far */
  protected abstract long requestCount();

  /** Forgets all stubs and recorded requests. */
  protected abstract void resetServer();

  /** @return a request the provider's model accepts */
  protected abstract VideoRequest validRequest();

  /** Stubs a job that is accepted, reaches success within {@link #maxPolls()} polls, and can be cancelled. */
  protected abstract void stubJobSucceeds();

  /**
   * Stubs the job submission to fail with this status and the provider's documented error body.
   *
   * @param status an HTTP status from {@link #submitErrorStatuses()}
   */
  protected abstract void stubSubmitFails(int status);

  /** @return how many cancel requests reached the stub server so far */
  protected abstract long cancelRequestCount();

  /**
   * The config the kit builds providers with. Override to add provider options.
   *
   * @param key the API key to use
   * @return the config
   */
  protected ProviderConfig config(ApiKey key) {
    return ProviderConfig.builder(providerId()).apiKey(key).baseUrl(baseUrl()).maxRetries(0)
        .option("http.circuit-breaker", "false").build();
  }

  /** @return the statuses {@link #submitErrorsAreTyped()} checks */
  protected Set<Integer> submitErrorStatuses() {
    return Set.of(400, 401, 403, 404, 422, 429, 500, 502);
  }

  /**
   * The exception a failed submission must raise. The default is the HTTP layer's table for a paid
   * submission (5xx → {@link dev.vcg.provider.OutcomeUnknownException}); override for statuses
   * the provider documents differently (e.g. fal's 403 for an exhausted balance →
   * {@link dev.vcg.provider.QuotaExceededException}).
   *
   * @param status the HTTP status
   * @return the expected type (subtypes pass)
   */
  protected Class<? extends ProviderException> expectedSubmitError(int status) {
    return ContractSupport.expectedError(status, true);
  }

  /** @return the most polls {@link #stubJobSucceeds()} needs to reach success */
  protected int maxPolls() {
    return 20;
  }

  private ApiKey testKey() {
    return ApiKey.of("sk-test-" + UUID.randomUUID());
  }

  private JobStatus pollToEnd(VideoProvider provider, VideoJob job) {
    for (int i = 0; i < maxPolls(); i++) {
      JobStatus status = provider.poll(job);
      assertThat(status).as("poll result").isNotNull();
      if (status.state().isTerminal()) {
        return status;
      }
    }
    return fail("job " + job.id() + " did not finish within " + maxPolls() + " polls; stubJobSucceeds() must"
        + " make the job reach a terminal state");
  }

  /** The provider says who it is and what its model can do. */
  @Test
  void declaresItsIdentityAndCapabilities() {
    VideoProvider provider = createProvider(config(testKey()));

    assertThat(provider.id()).isEqualTo(providerId());
    assertThat(provider.model()).isNotBlank();
    VideoCapabilities caps = provider.capabilities();
    assertThat(caps).isNotNull();
    assertThat(caps.durationsSeconds()).isNotEmpty();
    assertThat(caps.aspectFollowsImage() || !caps.aspectRatios().isEmpty()).isTrue();
    assertThat(caps.maxPromptLength()).isPositive();
  }

  /** Building a provider talks to nobody. */
  @Test
  void constructionDoesNoIo() {
    long before = requestCount();
    createProvider(config(testKey()));
    assertThat(requestCount()).isEqualTo(before);
  }

  /** Each request the capabilities forbid fails before any request is sent. */
  @TestFactory
  Stream<DynamicTest> refusesForbiddenRequestsBeforeAnyCall() {
    VideoProvider provider = createProvider(config(testKey()));
    VideoCapabilities caps = provider.capabilities();
    VideoRequest valid = validRequest();
    Map<String, VideoRequest> forbidden = new LinkedHashMap<>();
    for (int d = 1; d <= 60; d++) {
      if (!caps.durationsSeconds().contains(d)) {
        forbidden.put("a " + d + " s clip", valid.toBuilder().durationSeconds(d).build());
        break;
      }
    }
    if (!caps.supportsEndFrame()) {
      forbidden.put("an end frame", valid.toBuilder().endFrame(valid.startFrame()).build());
    }
    if (!caps.aspectFollowsImage()) {
      for (AspectRatio r : List.of(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16, AspectRatio.SQUARE,
          AspectRatio.LANDSCAPE_4_3, AspectRatio.PORTRAIT_3_4, AspectRatio.CINEMA_21_9, new AspectRatio(5, 1))) {
        if (!caps.aspectRatios().contains(r)) {
          forbidden.put("aspect ratio " + r, valid.toBuilder().aspectRatio(r).build());
          break;
        }
      }
    }
    forbidden.put("a prompt longer than " + caps.maxPromptLength() + " characters",
        valid.toBuilder().prompt("x".repeat(caps.maxPromptLength() + 1)).build());
    return forbidden.entrySet().stream().map(e -> DynamicTest.dynamicTest("refuses " + e.getKey(), () ->
        ContractSupport.assertRefusedBeforeAnyCall(providerId(), e.getKey(), this::requestCount,
            () -> provider.submit(e.getValue()))));
  }

  /** A valid request is submitted, polled to success, and the job is self-describing. */
  @Test
  void submitsAndPollsAJobToSuccess() {
    stubJobSucceeds();
    VideoProvider provider = createProvider(config(testKey()));

    VideoJob job = provider.submit(validRequest());

    assertThat(job.providerId()).isEqualTo(providerId());
    assertThat(job.id()).isNotBlank();
    assertThat(job.model()).isNotBlank();
    JobStatus done = pollToEnd(provider, job);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).isNotNull();
    assertThat(done.result().video()).isNotNull();
  }

  /** A job checkpointed as JSON is followed by a new provider instance (after a restart). */
  @Test
  void followsACheckpointedJobFromAnotherInstance() throws Exception {
    stubJobSucceeds();
    VideoJob job = createProvider(config(testKey())).submit(validRequest());

    String checkpoint = Json.mapper().writeValueAsString(job);
    VideoJob restored = Json.mapper().readValue(checkpoint, VideoJob.class);
    JobStatus done = pollToEnd(createProvider(config(testKey())), restored);

    assertThat(restored).isEqualTo(job);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
  }

  /** Cancelling a job sends the provider's cancel request for it. */
  @Test
  void cancellationReachesTheRemoteJob() {
    stubJobSucceeds();
    VideoProvider provider = createProvider(config(testKey()));
    VideoJob job = provider.submit(validRequest());
    long before = cancelRequestCount();

    provider.cancel(job);

    assertThat(cancelRequestCount()).as("cancel requests after cancel(job)").isGreaterThan(before);
  }

  /** Every documented failure of the submission raises its exception type with status and provider id. */
  @TestFactory
  Stream<DynamicTest> submitErrorsAreTyped() {
    return submitErrorStatuses().stream().sorted().map(status -> DynamicTest.dynamicTest("HTTP " + status, () -> {
      resetServer();
      stubSubmitFails(status);
      VideoProvider provider = createProvider(config(testKey()));
      ContractSupport.assertTypedError(providerId(), status, expectedSubmitError(status),
          () -> provider.submit(validRequest()));
    }));
  }

  /** A canary key never shows in captured logs (TRACE), exceptions, stack traces or toString. */
  @Test
  void apiKeyNeverLeaks() throws Exception {
    ContractSupport.assertCapturingLogs();
    Canary canary = Canary.create();
    CapturedLogs.clear();
    List<Object> seen = new ArrayList<>();
    VideoProvider provider = createProvider(config(canary.key()));
    seen.add(provider);
    seen.add(provider.capabilities());

    stubJobSucceeds();
    VideoJob job = provider.submit(validRequest());
    seen.add(job);
    seen.add(Json.mapper().writeValueAsString(job));
    JobStatus status = pollToEnd(provider, job);
    seen.add(status);
    seen.add(status.result());
    provider.cancel(job);
    seen.add(catchThrowable(() -> provider.submit(validRequest().toBuilder()
        .prompt("x".repeat(provider.capabilities().maxPromptLength() + 1)).build())));
    for (int code : List.of(401, 500)) {
      resetServer();
      stubSubmitFails(code);
      seen.add(catchThrowable(() -> provider.submit(validRequest())));
    }
    assertThat(requestCount()).as("requests that carried the key").isPositive();
    seen.add(CapturedLogs.text());

    canary.assertAbsent(seen.toArray());
  }
}
