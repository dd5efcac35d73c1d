package dev.vcg.stitch.jcodec.local;

import dev.vcg.cost.Price;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The factory of the offline video provider: id {@code local}, video only, no key, free, built
 * in (it loses to any video provider the user configures). Listed in
 * {@code META-INF/services/dev.vcg.provider.ProviderFactory} of {@code vcg-stitch-jcodec}.
 */
public final class LocalVideoProviderFactory implements ProviderFactory {
  private static final List<ModelInfo> MODELS = List.of(ModelInfo.video(LocalVideoProvider.MODEL,
      "Offline motion clips: the start frame under a smooth camera move, blending into the end frame; 24 fps",
      LocalVideoProvider.CAPABILITIES, Price.FREE));

  /** Creates the factory (no I/O). */
  public LocalVideoProviderFactory() {
  }

  @Override
  public String id() {
    return LocalVideoProvider.ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.VIDEO);
  }

  @Override
  public Optional<String> apiKeyVariable() {
    return Optional.empty();
  }

  @Override
  public List<ModelInfo> models() {
    return MODELS;
  }

  @Override
  public boolean builtIn() {
    return true;
  }

  @Override
  public VideoProvider createVideo(ProviderConfig config) {
    return LocalVideoProvider.create(config);
  }

  @Override
  public String toString() {
    return "LocalVideoProviderFactory[local VIDEO]";
  }
}
