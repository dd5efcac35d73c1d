package dev.vcg.workflows.generation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.provider.http.Auth;
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.ProviderHttpClient;
import java.net.URI;

/**
 * A small HTTP video provider for tests: {@code POST /v1/clips} (the paid submission),
 * {@code GET /v1/clips/{id}}, {@code DELETE /v1/clips/{id}}; finished clips are served from a URL
 * the status names, as real providers do.
 */
final class HttpClips implements VideoProvider {
  private final ProviderHttpClient http;

  HttpClips(URI baseUrl) {
    this.http = ProviderHttpClient.builder("clips")
        .config(ProviderConfig.builder("clips").baseUrl(baseUrl).apiKey(ApiKey.of("sk-clips-test-0000")).build())
        .auth(Auth.bearer())
        .build();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Create(String prompt, String startImage, String endImage, int seconds) {
  }

  record Created(String id) {
  }

  record Status(String status, Double progress, String url, Double seconds, Double cost, String error) {
  }

  @Override
  public String id() {
    return "clips";
  }

  @Override
  public String model() {
    return "clips-1";
  }

  @Override
  public VideoCapabilities capabilities() {
    return VideoCapabilities.builder().durations(2, 5).endFrame(true).aspectFollowsImage(true).build();
  }

  @Override
  public VideoJob doSubmit(VideoRequest request) {
    Create body = new Create(request.prompt(), MediaRef.toDataUri(request.startFrame(), 1 << 20),
        request.endFrame().map(f -> MediaRef.toDataUri(f, 1 << 20)).orElse(null), request.durationSeconds());
    Created c = http.postJson("/v1/clips", body, Created.class, CallOptions.paidSubmission());
    return VideoJob.of(id(), c.id(), model());
  }

  @Override
  public JobStatus poll(VideoJob job) {
    Status s = http.getJson("/v1/clips/" + job.id(), Status.class);
    double progress = s.progress() == null ? -1 : s.progress();
    switch (s.status()) {
      case "running":
        return JobStatus.running(s.status(), progress);
      case "succeeded":
        return JobStatus.succeeded(s.status(), new VideoResult(MediaRef.url(URI.create(s.url())),
            s.seconds() == null ? 0 : s.seconds(), s.cost() == null ? null : Money.usd(s.cost())));
      default:
        return JobStatus.failed(s.status(), s.error());
    }
  }

  @Override
  public void cancel(VideoJob job) {
    http.delete("/v1/clips/" + job.id(), CallOptions.defaults());
  }
}
