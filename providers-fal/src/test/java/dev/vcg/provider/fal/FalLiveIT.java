package dev.vcg.provider.fal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vcg.media.MediaRef;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.JobState;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Against the real fal.ai (run with {@code mvn -Plive verify}); skipped unless {@code FAL_KEY} is
 * set. The image test costs about $0.001 (FLUX schnell, 512x512); the video test runs only when
 * {@code VCG_LIVE_VIDEO=1} as well, and costs about $0.21 (Kling 2.5 turbo standard, 5 s).
 */
class FalLiveIT {
  private static ProviderConfig config(String model) {
    ProviderConfig env = ProviderConfig.fromEnvironment("fal", FalProviderFactory.KEY_VARIABLE);
    assumeTrue(env.apiKey().isPresent(), "FAL_KEY is not set");
    return env.toBuilder().model(model).build();
  }

  @Test
  void generatesOneSmallImage() {
    ImageResult r = new FalProviderFactory().createImage(config("fal-ai/flux/schnell"))
        .generate(ImageRequest.builder().prompt("a red bicycle, flat illustration").size(new ImageSize(512, 512))
            .seed(1L).build());

    assertThat(r.images()).isNotEmpty();
    assertThat(r.first().image()).isInstanceOf(MediaRef.Url.class);
    assertThat(r.requestId()).isNotBlank();
  }

  @Test
  void makesOneShortClip() throws InterruptedException {
    assumeTrue("1".equals(System.getenv("VCG_LIVE_VIDEO")), "VCG_LIVE_VIDEO is not 1");
    VideoProvider kling = new FalProviderFactory()
        .createVideo(config("fal-ai/kling-video/v2.5-turbo/standard/image-to-video"));
    VideoJob job = kling.submit(VideoRequest.builder().prompt("gentle waves")
        .startFrame(MediaRef.url(java.net.URI.create(
            "https://storage.googleapis.com/falserverless/model_tests/kling/kling-image-to-video.jpg")))
        .durationSeconds(5).build());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    JobStatus status = kling.poll(job);
    while (!status.state().isTerminal() && Instant.now().isBefore(deadline)) {
      Thread.sleep(status.pollAfter() == null ? 5000 : status.pollAfter().toMillis());
      status = kling.poll(job);
    }

    assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(status.result().video()).isInstanceOf(MediaRef.Url.class);
  }
}
