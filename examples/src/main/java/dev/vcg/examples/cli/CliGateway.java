package dev.vcg.examples.cli;

import dev.vcg.ProviderChoice;
import dev.vcg.VideoCreationGateway;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A gateway for one command: providers from the environment (offline when no key is set), frames,
 * clips and run state in a private temporary directory that is removed when the command ends.
 */
final class CliGateway implements AutoCloseable {
  private final Path work;
  private final VideoCreationGateway gateway;

  private CliGateway(Path work, VideoCreationGateway gateway) {
    this.work = work;
    this.gateway = gateway;
  }

  static CliGateway open(Environment env) {
    Path work;
    try {
      work = Files.createTempDirectory("vcg-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
    }
    try {
      VideoCreationGateway g = VideoCreationGateway.builder()
          .providers(ProviderRegistry.discover().withEnvironment(env.variables(), env.properties()))
          .providerConfig(ProviderConfig.builder("local").option("outputDir", work.resolve("clips").toString()).build())
          .assetDirectory(work.resolve("assets"))
          .build();
      return new CliGateway(work, g);
    } catch (RuntimeException e) {
      delete(work);
      throw e;
    }
  }

  VideoCreationGateway gateway() {
    return gateway;
  }

  /** @return the directory the command may write scratch files in */
  Path work() {
    return work;
  }

  /** One line saying which provider does what, and whether it runs offline. */
  static String describe(List<ProviderChoice> choices) {
    String list = choices.stream().map(c -> c.kind().name().toLowerCase(Locale.ROOT) + " " + c.providerId() + "/"
        + c.model() + (c.isOffline() ? " (offline)" : "")).collect(Collectors.joining(", "));
    boolean offline = choices.stream().allMatch(ProviderChoice::isOffline);
    return "providers: " + list + (offline ? "\nno provider keys are set: running on the offline local providers "
        + "(set OPENROUTER_API_KEY, OPENAI_API_KEY, FAL_KEY or RUNWAYML_API_SECRET to use others)" : "");
  }

  @Override
  public void close() {
    gateway.close();
    delete(work);
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // Scratch files in the temporary directory; nothing more to do.
    }
  }
}
