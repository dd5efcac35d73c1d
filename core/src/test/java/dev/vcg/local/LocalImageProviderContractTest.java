package dev.vcg.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.testkit.ImageProviderContract;
import dev.vcg.testkit.LoopbackTrap;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The image provider contract for the offline provider. It has no server: a "request" is a frame
 * painted, counted by the providers themselves, and it has no HTTP errors to type. The base URL is
 * a loopback trap that must never be contacted.
 */
class LocalImageProviderContractTest extends ImageProviderContract {
  private final LoopbackTrap trap = LoopbackTrap.open();
  private final List<LocalImageProvider> created = new ArrayList<>();
  private long baseline;

  @AfterEach
  void neverTouchesTheNetwork() {
    assertThat(trap.connections()).as("connections to the configured base URL").isZero();
    trap.close();
  }

  @Override
  protected String providerId() {
    return "local";
  }

  @Override
  protected URI baseUrl() {
    return trap.url();
  }

  @Override
  protected ImageProvider createProvider(ProviderConfig config) {
    LocalImageProvider p = (LocalImageProvider) new LocalImageProviderFactory().createImage(config);
    synchronized (created) {
      created.add(p);
    }
    return p;
  }

  @Override
  protected long requestCount() {
    synchronized (created) {
      return created.stream().mapToLong(LocalImageProvider::painted).sum() - baseline;
    }
  }

  @Override
  protected void resetServer() {
    synchronized (created) {
      baseline = created.stream().mapToLong(LocalImageProvider::painted).sum();
    }
  }

  @Override
  protected ImageRequest validRequest() {
    return ImageRequest.builder().prompt("a lighthouse on a cliff at dawn, waves crashing").size(new ImageSize(96, 54))
        .seed(3L).build();
  }

  @Override
  protected void stubGenerationSucceeds() {
    // Painting always succeeds; nothing to arrange.
  }

  @Override
  protected void stubGenerationFails(int status) {
    // There is no HTTP: no status to simulate (errorStatuses() is empty).
  }

  @Override
  protected Set<Integer> errorStatuses() {
    return Set.of();
  }

  @Test
  void paintingIsCountedAsTheProvidersCall() {
    ImageProvider p = createProvider(ProviderConfig.of("local"));
    long before = requestCount();
    p.generate(validRequest());
    assertThat(requestCount()).isEqualTo(before + 1);
  }
}
