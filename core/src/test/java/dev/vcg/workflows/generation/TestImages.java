package dev.vcg.workflows.generation;

import dev.vcg.cost.Money;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/**
 * An image provider for tests: draws a tiny PNG whose colour depends on the prompt, records every
 * request, can report a cost, and can hold calls whose prompt matches until released.
 */
final class TestImages implements ImageProvider {
  final List<ImageRequest> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger peak = new AtomicInteger();
  private final Map<Predicate<String>, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final ImageCapabilities caps;
  volatile Money reportedCost;
  volatile CountDownLatch arrivals;
  volatile RuntimeException failure;

  TestImages() {
    this(ImageCapabilities.builder().maxSize(4096, 4096).seed(true).maxReferenceImages(1).build());
  }

  TestImages(ImageCapabilities caps) {
    this.caps = caps;
  }

  @Override
  public String id() {
    return "test-images";
  }

  @Override
  public String model() {
    return "painter-1";
  }

  @Override
  public ImageCapabilities capabilities() {
    return caps;
  }

  /** Holds calls whose prompt matches until the returned latch is counted down. */
  CountDownLatch hold(Predicate<String> prompt) {
    CountDownLatch l = new CountDownLatch(1);
    gates.put(prompt, l);
    return l;
  }

  int calls() {
    return requests.size();
  }

  @Override
  public ImageResult doGenerate(ImageRequest request) {
    requests.add(request);
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    try {
      CountDownLatch a = arrivals;
      if (a != null) {
        a.countDown();
        if (!a.await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("not enough image calls arrived at once");
        }
      }
      for (Map.Entry<Predicate<String>, CountDownLatch> g : gates.entrySet()) {
        if (g.getKey().test(request.prompt()) && !g.getValue().await(10, TimeUnit.SECONDS)) {
          throw new AssertionError("gate for " + request.prompt() + " was never opened");
        }
      }
      if (failure != null) {
        throw failure;
      }
      byte[] png = png(request.prompt(), 16, 9);
      return new ImageResult(List.of(new GeneratedImage(MediaRef.bytes(png, "image/png"), 16, 9)), model(),
          request.seed().orElse(null), reportedCost, "img-" + requests.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  static byte[] png(String seed, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Color c = new Color(seed.hashCode() & 0xffffff);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, c.getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
