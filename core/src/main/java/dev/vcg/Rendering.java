package dev.vcg;

import dev.vcg.cost.Money;
import dev.vcg.cost.PriceBook;
import dev.vcg.media.AssetStore;
import dev.vcg.media.FrameExtractor;
import dev.vcg.media.VideoStitcher;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoProvider;
import dev.vcg.workflow.PollPolicy;
import dev.vcg.workflows.generation.ContinuousFlow;
import dev.vcg.workflows.generation.DirectedGeneration;
import dev.vcg.workflows.generation.FlowRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * The generation workflows for one set of providers, and the shapes the gateway asks them for:
 * frame size by quality, segment lengths for continuous flow. Immutable and thread-safe.
 */
final class Rendering {
  /** The longest segment continuous flow aims for, in seconds. */
  static final double FLOW_SEGMENT_SECONDS = 5;

  /** How often clips of the offline video provider are looked for. */
  static final PollPolicy LOCAL_POLLS = PollPolicy.builder().initialDelay(Duration.ofMillis(250)).multiplier(1.3)
      .maxInterval(Duration.ofSeconds(1)).deadline(Duration.ofMinutes(30)).build();

  /** The long side of the offline video provider's clips, by default. */
  static final int OFFLINE_LONG_SIDE = 640;

  final DirectedGeneration directed;
  final ContinuousFlow flow;
  final VideoProvider video;

  private Rendering(DirectedGeneration directed, ContinuousFlow flow, VideoProvider video) {
    this.directed = directed;
    this.flow = flow;
    this.video = video;
  }

  /**
   * @param providers the providers; the video provider must be there
   * @param assets where frames, clips and videos go
   * @param prices the prices reservations are made from
   * @param media the stitcher and frame extractor, when given explicitly
   * @return the workflows
   * @throws dev.vcg.provider.ProviderException if there is no video provider
   */
  static Rendering of(ProviderSetup providers, AssetStore assets, PriceBook prices, Media media) {
    VideoProvider video = providers.requireVideo();
    DirectedGeneration.Builder db = DirectedGeneration.builder().imageProvider(providers.image).videoProvider(video)
        .assetStore(assets).priceBook(prices);
    ContinuousFlow.Builder fb = ContinuousFlow.builder().imageProvider(providers.image).videoProvider(video)
        .assetStore(assets).priceBook(prices);
    if (media.stitcher() != null) {
      db.stitcher(media.stitcher());
      fb.stitcher(media.stitcher());
    }
    if (media.frames() != null) {
      db.frameExtractor(media.frames());
      fb.frameExtractor(media.frames());
    }
    if (providers.llm != null) {
      fb.llmProvider(providers.llm);
    }
    if (isOffline(video)) {
      // Offline clips render in this process in seconds: look for them often.
      db.pollPolicy(LOCAL_POLLS);
      fb.pollPolicy(LOCAL_POLLS);
    }
    return new Rendering(db.build(), fb.build(), video);
  }

  /**
   * The media services to render with; null parts are looked up on the class path when needed.
   *
   * @param stitcher joins clips, or null
   * @param frames takes thumbnails and last frames, or null
   */
  record Media(VideoStitcher stitcher, FrameExtractor frames) {
  }

  static boolean isOffline(VideoProvider video) {
    return video.id().equals("local");
  }

  /**
   * The frame size for this rendering: by quality, but no larger than the offline video
   * provider's clips ({@value #OFFLINE_LONG_SIDE} on the long side), since larger frames would
   * only be scaled down.
   */
  ImageSize frameSizeFor(Quality quality, AspectRatio aspect) {
    ImageSize size = frameSize(quality, aspect);
    if (isOffline(video) && Math.max(size.width(), size.height()) > OFFLINE_LONG_SIDE) {
      return aspect.sizeWithLongSide(OFFLINE_LONG_SIDE);
    }
    return size;
  }

  /** Frames grow with quality: 640, 1280 or 1920 pixels on the long side. */
  static ImageSize frameSize(Quality quality, AspectRatio aspect) {
    int longSide = switch (Objects.requireNonNull(quality, "quality")) {
      case DRAFT -> 640;
      case STANDARD -> 1280;
      case PREMIUM -> 1920;
    };
    return aspect.sizeWithLongSide(longSide);
  }

  /**
   * A continuous-flow request of about the asked length: segments of the allowed clip length
   * nearest to 5 s (or to the whole length, when shorter).
   */
  FlowRequest.Builder flowRequest(String prompt, double seconds, VideoCapabilities caps) {
    int segment = caps.nearestDuration(Math.min(seconds, FLOW_SEGMENT_SECONDS));
    int count = (int) Math.max(1, Math.min(FlowRequest.MAX_SEGMENTS, Math.round(seconds / segment)));
    return FlowRequest.builder().prompt(prompt).segments(count).segmentSeconds(segment);
  }

  static Money min(Money a, Money b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }
}
