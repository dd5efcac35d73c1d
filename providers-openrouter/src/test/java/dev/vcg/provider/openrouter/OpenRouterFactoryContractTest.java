package dev.vcg.provider.openrouter;

import dev.vcg.provider.ProviderFactory;
import dev.vcg.testkit.ProviderFactoryContract;

/** The provider factory contract of the test kit, for OpenRouter. */
class OpenRouterFactoryContractTest extends ProviderFactoryContract {
  @Override
  protected ProviderFactory factory() {
    return new OpenRouterProviderFactory();
  }
}
