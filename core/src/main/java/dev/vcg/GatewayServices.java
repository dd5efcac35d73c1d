package dev.vcg;

import dev.vcg.cost.PriceBook;
import dev.vcg.direction.AiDirector;
import dev.vcg.media.AssetStore;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.VideoCapabilities;
import dev.vcg.provider.VideoProvider;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gateway gives the workflows in its {@link WorkflowCatalog}: the director, the chosen
 * providers, the asset store, the prices and the clock. Built by the gateway; immutable and
 * thread-safe.
 */
public final class GatewayServices {
  private final AiDirector director;
  private final LlmProvider llm;
  private final ImageProvider image;
  private final VideoProvider video;
  private final AssetStore assetStore;
  private final PriceBook priceBook;
  private final Clock clock;
  private final List<ProviderChoice> providers;

  GatewayServices(AiDirector director, LlmProvider llm, ImageProvider image, VideoProvider video,
                  AssetStore assetStore, PriceBook priceBook, Clock clock, List<ProviderChoice> providers) {
    this.director = Objects.requireNonNull(director, "director");
    this.llm = llm;
    this.image = Objects.requireNonNull(image, "image");
    this.video = video;
    this.assetStore = Objects.requireNonNull(assetStore, "assetStore");
    this.priceBook = Objects.requireNonNull(priceBook, "priceBook");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.providers = List.copyOf(providers);
  }

  /** @return the director, planning with the language model (or by rules when there is none) */
  public AiDirector director() {
    return director;
  }

  /** @return the language model, if one is configured */
  public Optional<LlmProvider> llm() {
    return Optional.ofNullable(llm);
  }

  /** @return the image provider (the offline one when nothing else is configured) */
  public ImageProvider image() {
    return image;
  }

  /** @return the video provider, if one is available (plans are checked against its capabilities) */
  public Optional<VideoProvider> video() {
    return Optional.ofNullable(video);
  }

  /** @return the video provider's capabilities, if there is one */
  public Optional<VideoCapabilities> videoCapabilities() {
    return video().map(VideoProvider::capabilities);
  }

  /** @return where generated and downloaded media are kept */
  public AssetStore assetStore() {
    return assetStore;
  }

  /** @return list prices of every provider, for reservations before paid calls */
  public PriceBook priceBook() {
    return priceBook;
  }

  /** @return the gateway's clock */
  public Clock clock() {
    return clock;
  }

  /** @return which provider does what, and why */
  public List<ProviderChoice> providers() {
    return providers;
  }

  @Override
  public String toString() {
    return "GatewayServices" + providers;
  }
}
