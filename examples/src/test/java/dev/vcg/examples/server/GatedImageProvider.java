package dev.vcg.examples.server;

import dev.vcg.local.LocalImageProvider;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ProviderError;
import dev.vcg.provider.ProviderTimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The offline image provider behind a gate: every image waits until the test opens it, so a
 * workflow stays running for as long as a test needs (no timing involved).
 */
final class GatedImageProvider implements ImageProvider {
  private final LocalImageProvider delegate = LocalImageProvider.create();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch waiting = new CountDownLatch(1);

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public String model() {
    return delegate.model();
  }

  @Override
  public ImageCapabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public ImageResult doGenerate(ImageRequest request) {
    waiting.countDown();
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new ProviderTimeoutException(ProviderError.of("local", "the test never opened the gate"), null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the gate", e);
    }
    return delegate.doGenerate(request);
  }

  /** Lets every image through. */
  void open() {
    gate.countDown();
  }

  /** @return whether an image was asked for (within the time given) */
  boolean awaitFirstRequest() throws InterruptedException {
    return waiting.await(60, TimeUnit.SECONDS);
  }
}
