package dev.vcg.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.VideoCreationGateway;
import dev.vcg.VideoOptions;
import dev.vcg.cost.Money;
import dev.vcg.examples.gateway.Mp4Oracle;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.workflows.generation.GenerationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's library quickstart, as written there but shorter (6 s), on the offline providers
 * (the environment is hidden so that a developer's keys are never spent by the test).
 */
class ReadmeQuickstartTest {
  @TempDir
  Path dir;

  @Test
  void theQuickstartMakesTheVideoItPromises() throws Exception {
    Path out = dir.resolve("lighthouse.mp4");
    GenerationResult video;
    try (VideoCreationGateway gateway = VideoCreationGateway.builder()
        .providers(ProviderRegistry.discover().withEnvironment(k -> null, k -> null))
        .providerConfig(ProviderConfig.builder("local").option("outputDir", dir.resolve("clips").toString()).build())
        .assetDirectory(dir.resolve("assets")).build()) {
      VideoOptions options = VideoOptions.builder().seconds(6).maxCost(Money.usd("2.00"))
          .output(out).build();
      video = gateway.createVideoAndWait("a lighthouse at dawn, waves crashing", options);
    }
    assertThat(video.video()).isEqualTo(out);
    assertThat(Files.size(out)).isPositive();
    assertThat(video.duration().toMillis()).isBetween(4_500L, 7_500L);
    assertThat(video.totalCost()).isEqualTo(Money.ZERO);
    Mp4Oracle.assertPlayable(out, video.duration().toMillis() / 1000.0, 0.25);
  }
}
