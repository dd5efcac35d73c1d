package dev.vcg.examples.cli;

import dev.vcg.VideoCreationGateway;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code vcg providers}: the discovered providers, what they do, whether they are configured, which are chosen. */
final class ProvidersCommand implements Command {
  private final Environment env;

  ProvidersCommand(Environment env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "providers";
  }

  @Override
  public String summary() {
    return "list the providers found, their models, whether they are configured, and which are used";
  }

  @Override
  public String usage() {
    return "usage: vcg providers\n\n"
        + "Lists every provider on the class path: what it does (llm, image, video), the variable that\n"
        + "holds its key, whether a key is set, whether it is a built-in offline provider, and its\n"
        + "models. Then the provider chosen for each kind of work.\n";
  }

  @Override
  public Set<String> valueOptions() {
    return Set.of();
  }

  @Override
  public int run(Args args, Io io) {
    if (!args.positional().isEmpty()) {
      throw new UsageException("providers takes no arguments");
    }
    ProviderRegistry registry = ProviderRegistry.discover().withEnvironment(env.variables(), env.properties());
    List<ProviderFactory> factories = registry.factories().stream()
        .sorted(Comparator.comparing(ProviderFactory::builtIn).thenComparing(ProviderFactory::id)
            .thenComparing(f -> kinds(f.kinds())))
        .toList();
    io.out().println(String.format(Locale.ROOT, "%-12s %-16s %-22s %-11s %s", "PROVIDER", "DOES", "KEY",
        "CONFIGURED", "MODELS"));
    for (ProviderFactory f : factories) {
      boolean configured = f.isConfigured(registry.config(f.id()));
      String key = f.apiKeyVariable().orElse("(none)");
      String state = f.builtIn() ? "built-in" : configured ? "yes" : "no";
      String models = f.models().stream().map(ModelInfo::id).collect(Collectors.joining(", "));
      io.out().println(String.format(Locale.ROOT, "%-12s %-16s %-22s %-11s %s", f.id(), kinds(f.kinds()), key, state,
          models));
    }
    io.out().println();
    try (CliGateway session = CliGateway.open(env)) {
      VideoCreationGateway g = session.gateway();
      io.out().println("used:");
      g.providers().forEach(c -> io.out().println("  " + c.kind().name().toLowerCase(Locale.ROOT) + ": "
          + c.providerId() + "/" + c.model() + " (" + c.source().name().toLowerCase(Locale.ROOT) + ")"));
      if (g.providers().stream().noneMatch(c -> c.kind() == ProviderKind.VIDEO)) {
        io.out().println("  video: none (add dev.vcg:vcg-stitch-jcodec or a video provider)");
      }
    }
    return ExitCodes.OK;
  }

  private static String kinds(Set<ProviderKind> kinds) {
    return kinds.stream().sorted().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
  }
}
