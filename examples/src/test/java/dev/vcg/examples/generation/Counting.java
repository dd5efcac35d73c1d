package dev.vcg.examples.generation;

import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.JobStatus;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoJob;
import dev.vcg.provider.VideoProvider;
import dev.vcg.provider.VideoRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Providers that count the calls made to the real providers they wrap. */
final class Counting {
  private Counting() {
  }

  /** Counts image generations. */
  static final class Images implements ImageProvider {
    final List<ImageRequest> requests = new CopyOnWriteArrayList<>();
    private final ImageProvider real;

    Images(ImageProvider real) {
      this.real = real;
    }

    int calls() {
      return requests.size();
    }

    @Override
    public String id() {
      return real.id();
    }

    @Override
    public String model() {
      return real.model();
    }

    @Override
    public ImageCapabilities capabilities() {
      return real.capabilities();
    }

    @Override
    public ImageResult doGenerate(ImageRequest request) {
      requests.add(request);
      return real.generate(request);
    }
  }

  /** Counts clip submissions. */
  static final class Videos implements VideoProvider {
    final List<VideoRequest> requests = new CopyOnWriteArrayList<>();
    private final VideoProvider real;

    Videos(VideoProvider real) {
      this.real = real;
    }

    int calls() {
      return requests.size();
    }

    @Override
    public String id() {
      return real.id();
    }

    @Override
    public String model() {
      return real.model();
    }

    @Override
    public VideoCapabilities capabilities() {
      return real.capabilities();
    }

    @Override
    public VideoJob doSubmit(VideoRequest request) {
      requests.add(request);
      return real.submit(request);
    }

    @Override
    public JobStatus poll(VideoJob job) {
      return real.poll(job);
    }

    @Override
    public void cancel(VideoJob job) {
      real.cancel(job);
    }
  }
}
