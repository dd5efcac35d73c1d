package dev.vcg.provider.http.acme;

import dev.vcg.provider.ProviderFactory;
import dev.vcg.testkit.ProviderFactoryContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;

/**
 * The factory contract run against the fake Acme factory. The factory is listed for
 * {@link java.util.ServiceLoader} through a class loader of its own, so that core's other tests
 * never discover it.
 */
class AcmeFactoryContractTest extends ProviderFactoryContract {
  private static Path services;
  private static URLClassLoader loader;

  @Override
  protected ProviderFactory factory() {
    return new AcmeProviderFactory();
  }

  @Override
  protected synchronized ClassLoader serviceClassLoader() {
    if (loader == null) {
      try {
        services = Files.createTempDirectory("acme-services");
        Path file = services.resolve("META-INF/services/" + ProviderFactory.class.getName());
        Files.createDirectories(file.getParent());
        Files.writeString(file, AcmeProviderFactory.class.getName() + "\n");
        loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader());
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return loader;
  }

  @AfterAll
  static void cleanUp() throws IOException {
    if (loader != null) {
      loader.close();
      Files.walk(services).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
