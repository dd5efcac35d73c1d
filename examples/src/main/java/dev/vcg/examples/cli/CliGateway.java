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
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A gateway for one command: providers from the environment (offline when no key is set; one
 * provider per kind can be named with {@code VCG_LLM_PROVIDER}, {@code VCG_IMAGE_PROVIDER},
 * {@code VCG_VIDEO_PROVIDER}), frames,
 * clips and run state in a private temporary directory that is removed when the command ends.
 */
final class CliGateway implements AutoCloseable {
  /** Names the language model provider to use, e.g. {@code openai}. */
  static final String LLM_PROVIDER = "VCG_LLM_PROVIDER";
  /** Names the image provider to use, e.g. {@code fal}. */
  static final String IMAGE_PROVIDER = "VCG_IMAGE_PROVIDER";
  /** Names the video provider to use, e.g. {@code runway}. */
  static final String VIDEO_PROVIDER = "VCG_VIDEO_PROVIDER";

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
      VideoCreationGateway.Builder b = VideoCreationGateway.builder()
          .providers(ProviderRegistry.discover().withEnvironment(env.variables(), env.properties()))
          .providerConfig(ProviderConfig.builder("local").option("outputDir", work.resolve("clips").toString()).build())
          .assetDirectory(work.resolve("assets"));
      chosen(env, LLM_PROVIDER).ifPresent(b::llmProviderId);
      chosen(env, IMAGE_PROVIDER).ifPresent(b::imageProviderId);
      chosen(env, VIDEO_PROVIDER).ifPresent(b::videoProviderId);
      VideoCreationGateway g = b.build();
      return new CliGateway(work, g);
    } catch (RuntimeException e) {
      delete(work);
      throw e;
    }
  }

  /**
   * The provider id named by a variable (or the system property {@code vcg.<kind>-provider}), when
   * set: e.g. {@code VCG_VIDEO_PROVIDER=runway} when both fal and Runway keys are set, or
   * {@code VCG_VIDEO_PROVIDER=local} to keep clips offline while a paid model plans.
   */
  static Optional<String> chosen(Environment env, String variable) {
    String property = "vcg." + variable.substring("VCG_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    String value = env.properties().apply(property);
    if (value == null || value.isBlank()) {
      value = env.variables().apply(variable);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
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
