package dev.vcg.local;

import dev.vcg.provider.ProviderFactory;
import dev.vcg.testkit.ProviderFactoryContract;

/** The provider factory contract for the offline image provider. */
class LocalImageProviderFactoryContractTest extends ProviderFactoryContract {
  @Override
  protected ProviderFactory factory() {
    return new LocalImageProviderFactory();
  }
}
