package dev.vcg.stitch.jcodec.local;

import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import dev.vcg.testkit.VideoProviderContract;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider test kit against the offline provider. It makes no HTTP calls: a "request" is a
 * rendering job, recorded as a job file in the output directory; a cancel request is recorded
 * as a cancel marker.
 */
class LocalVideoContractTest extends VideoProviderContract {
  @TempDir
  Path dir;

  @Override
  protected String providerId() {
    return "local";
  }

  @Override
  protected URI baseUrl() {
    return URI.create("http://127.0.0.1:9");
  }

  @Override
  protected ProviderConfig config(dev.vcg.provider.ApiKey key) {
    return super.config(key).toBuilder().option("outputDir", dir.toString()).option("renderInline", "true")
        .option("maxLongSide", "96").build();
  }

  @Override
  protected VideoProvider createProvider(ProviderConfig config) {
    return new LocalVideoProviderFactory().createVideo(config);
  }

  private long count(String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected long requestCount() {
    return count(".job");
  }

  @Override
  protected void resetServer() {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected VideoRequest validRequest() {
    return VideoRequest.builder()
        .startFrame(LocalVideoProviderTest.png(LocalVideoProviderTest.picture(160, 90, 10, 10, Color.ORANGE)))
        .prompt("a slow push in").cameraMove(dev.vcg.direction.CameraMove.PUSH_IN).durationSeconds(1).build();
  }

  @Override
  protected void stubJobSucceeds() {
    // Offline rendering always succeeds for a valid request.
  }

  @Override
  protected void stubSubmitFails(int status) {
    // No HTTP: there are no status codes to replay (see submitErrorStatuses).
  }

  @Override
  protected Set<Integer> submitErrorStatuses() {
    return Set.of();
  }

  @Override
  protected long cancelRequestCount() {
    return count(".cancel");
  }
}
