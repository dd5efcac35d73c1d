package dev.vcg.provider.runway;

import dev.vcg.provider.ProviderFactory;
import dev.vcg.testkit.ProviderFactoryContract;

/** The provider contract kit's factory checks, run against {@link RunwayProviderFactory}. */
class RunwayFactoryContractTest extends ProviderFactoryContract {
  @Override
  protected ProviderFactory factory() {
    return new RunwayProviderFactory();
  }
}
