package dev.vcg.provider.fal;

import dev.vcg.provider.ProviderFactory;
import dev.vcg.testkit.ProviderFactoryContract;

/** The provider contract kit's factory checks, run against {@link FalProviderFactory}. */
class FalFactoryContractTest extends ProviderFactoryContract {
  @Override
  protected ProviderFactory factory() {
    return new FalProviderFactory();
  }
}
