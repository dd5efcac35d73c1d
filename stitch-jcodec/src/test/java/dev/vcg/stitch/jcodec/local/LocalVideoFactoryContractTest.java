package dev.vcg.stitch.jcodec.local;

import dev.vcg.provider.ProviderFactory;
import dev.vcg.testkit.ProviderFactoryContract;

/** The provider test kit's factory contract against the offline video provider's factory. */
class LocalVideoFactoryContractTest extends ProviderFactoryContract {
  @Override
  protected ProviderFactory factory() {
    return new LocalVideoProviderFactory();
  }
}
