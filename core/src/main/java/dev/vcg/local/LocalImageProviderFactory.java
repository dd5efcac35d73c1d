package dev.vcg.local;

import dev.vcg.cost.Price;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The factory of the offline image provider: id {@code local}, images only, no key, free, built
 * in (it loses to any image provider the user configures). Listed in core's
 * {@code META-INF/services/dev.vcg.provider.ProviderFactory}.
 */
public final class LocalImageProviderFactory implements ProviderFactory {
  private static final List<ModelInfo> MODELS = List.of(ModelInfo.image(LocalImageProvider.MODEL,
      "Offline procedural frames painted with Java2D from the prompt's words; any size up to 4096x4096",
      LocalImageProvider.CAPABILITIES, Price.FREE));

  /** Creates the factory (no I/O). */
  public LocalImageProviderFactory() {
  }

  @Override
  public String id() {
    return LocalImageProvider.ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.IMAGE);
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
  public ImageProvider createImage(ProviderConfig config) {
    return LocalImageProvider.create(config);
  }

  @Override
  public String toString() {
    return "LocalImageProviderFactory[local IMAGE]";
  }
}
