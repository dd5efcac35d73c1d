package dev.vcg;

import dev.vcg.cost.Price;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A third-party style image provider factory that needs a key ({@code ACME_API_KEY}) and charges
 * per image; it paints with the offline renderer so tests need no network.
 */
final class AcmeImageFactory implements ProviderFactory {
  static final String ID = "acme";
  static final String MODEL = "acme-image-1";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.IMAGE);
  }

  @Override
  public Optional<String> apiKeyVariable() {
    return Optional.of("ACME_API_KEY");
  }

  @Override
  public List<ModelInfo> models() {
    return List.of(ModelInfo.image(MODEL, "test images", LocalImageProvider.create().capabilities(), Price.perImage("0.04")));
  }

  @Override
  public ImageProvider createImage(ProviderConfig config) {
    config.requireApiKey("ACME_API_KEY");
    LocalImageProvider local = LocalImageProvider.create();
    return new ImageProvider() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public String model() {
        return config.model().orElse(MODEL);
      }

      @Override
      public ImageCapabilities capabilities() {
        return local.capabilities();
      }

      @Override
      public ImageResult doGenerate(ImageRequest request) {
        return local.doGenerate(request);
      }
    };
  }
}
