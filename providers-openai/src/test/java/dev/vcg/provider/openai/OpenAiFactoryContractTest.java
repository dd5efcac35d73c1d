package dev.vcg.provider.openai;

import dev.vcg.provider.ProviderFactory;
import dev.vcg.testkit.ProviderFactoryContract;

/** The provider factory contract of the test kit, for OpenAI. */
class OpenAiFactoryContractTest extends ProviderFactoryContract {
  @Override
  protected ProviderFactory factory() {
    return new OpenAiProviderFactory();
  }
}
