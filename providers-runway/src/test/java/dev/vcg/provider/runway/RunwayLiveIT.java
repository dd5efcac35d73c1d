package dev.vcg.provider.runway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.JobState;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Against the real Runway API (run with {@code mvn -Plive verify}); skipped unless
 * {@code RUNWAYML_API_SECRET} is set. Makes one 2 s gen4_turbo clip (10 credits, about $0.10).
 */
class RunwayLiveIT {
  @Test
  void makesOneShortClip() throws InterruptedException {
    ProviderConfig config = ProviderConfig.fromEnvironment("runway", RunwayProviderFactory.KEY_VARIABLE);
    assumeTrue(config.apiKey().isPresent(), "RUNWAYML_API_SECRET is not set");
    VideoProvider gen4 = new RunwayProviderFactory().createVideo(config.toBuilder().model("gen4_turbo").build());

    VideoJob job = gen4.submit(VideoRequest.builder().prompt("gentle waves on a beach")
        .startFrame(MediaRef.url(URI.create("https://upload.wikimedia.org/wikipedia/commons/thumb/a/a7/"
            + "Camponotus_flavomarginatus_ant.jpg/640px-Camponotus_flavomarginatus_ant.jpg")))
        .aspectRatio(AspectRatio.LANDSCAPE_16_9).durationSeconds(2).build());
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    JobStatus status = gen4.poll(job);
    while (!status.state().isTerminal() && Instant.now().isBefore(deadline)) {
      Thread.sleep(status.pollAfter() == null ? 6000 : status.pollAfter().toMillis());
      status = gen4.poll(job);
    }

    assertThat(status.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(status.result().video()).isInstanceOf(MediaRef.Url.class);
  }
}
