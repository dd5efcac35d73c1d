package dev.vcg.provider.http.acme;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.provider.VideoResult;
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.ProviderHttpClient;
import java.net.URI;

/** Acme's video jobs: create, poll, cancel. */
final class AcmeVideoProvider implements VideoProvider {
  private static final long MAX_FRAME_BYTES = 10L << 20;

  private final ProviderHttpClient http;
  private final String model;
  private final VideoCapabilities capabilities;

  AcmeVideoProvider(ProviderHttpClient http, String model) {
    this.http = http;
    this.model = model;
    this.capabilities = AcmeProviderFactory.modelInfo(ProviderKind.VIDEO, model).videoCapabilities().orElseThrow();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreateVideo(String model, String prompt, String image, String endImage, int duration, String ratio,
                     Long seed) {
  }

  record Created(String id) {
  }

  record Video(String id, String status, Double progress, String url, String error) {
  }

  @Override
  public String id() {
    return AcmeProviderFactory.ID;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public VideoCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public VideoJob doSubmit(VideoRequest request) {
    String m = request.model().orElse(model);
    CreateVideo body = new CreateVideo(m, request.prompt(), image(request.startFrame()),
        request.endFrame().map(AcmeVideoProvider::image).orElse(null), request.durationSeconds(),
        request.aspectRatio().map(Object::toString).orElse(null), request.seed().orElse(null));
    Created created = http.postJson("/videos", body, Created.class, CallOptions.paidSubmission());
    if (created.id() == null || created.id().isBlank()) {
      throw new ProviderException(id(), "Acme accepted the video but returned no id; check the Acme dashboard");
    }
    return VideoJob.of(id(), created.id(), m);
  }

  @Override
  public JobStatus poll(VideoJob job) {
    Video v = http.getJson("/videos/" + job.id(), Video.class);
    double progress = v.progress() == null ? -1 : v.progress();
    switch (v.status() == null ? "" : v.status()) {
      case "queued":
        return JobStatus.queued(v.status(), progress);
      case "running":
        return JobStatus.running(v.status(), progress);
      case "succeeded":
        return JobStatus.succeeded(v.status(), new VideoResult(MediaRef.url(URI.create(v.url())), 5, Money.ZERO));
      case "cancelled":
        return JobStatus.cancelled(v.status());
      default:
        return JobStatus.failed(String.valueOf(v.status()), v.error() == null ? "unknown failure" : v.error());
    }
  }

  @Override
  public void cancel(VideoJob job) {
    http.send("POST", "/videos/" + job.id() + "/cancel", null, Void.class, CallOptions.defaults());
  }

  static String image(MediaRef ref) {
    return ref instanceof MediaRef.Url ? ((MediaRef.Url) ref).uri().toString() : MediaRef.toDataUri(ref, MAX_FRAME_BYTES);
  }

  @Override
  public String toString() {
    return "AcmeVideoProvider[model=" + model + ", http=" + http + "]";
  }
}
