package dev.vcg.provider;

import dev.vcg.cost.PriceBook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The providers available to a gateway, and the rules that pick one per kind.
 *
 * <p>Selection, deterministic and documented:
 * <ol>
 *   <li>an explicit instance given to the gateway builder wins (handled by the builder);</li>
 *   <li>then an explicit id ({@link #select(ProviderKind, String)});</li>
 *   <li>then, among discovered providers of that kind that are configured (hold a key), the one
 *       with the highest {@link ProviderFactory#priority()}, ties broken by id;</li>
 *   <li>built-in offline providers are chosen only when nothing else is configured.</li>
 * </ol>
 * Two factories with one id for one kind fail, listing both classes. An unknown id fails with
 * the name of the artifact that provides it.
 *
 * <p>Immutable and thread-safe. {@link java.util.ServiceLoader} is called only by
 * {@link #discover()}, once per class loader.
 */
public final class ProviderRegistry {
  private static final Map<ClassLoader, List<ProviderFactory>> DISCOVERED = new ConcurrentHashMap<>();

  /** Artifacts that provide the well-known ids, for "add this dependency" messages. */
  private static final Map<String, String> ARTIFACTS = Map.of(
      "openrouter", "dev.vcg:vcg-providers-openrouter",
      "openai", "dev.vcg:vcg-providers-openai",
      "fal", "dev.vcg:vcg-providers-fal",
      "runway", "dev.vcg:vcg-providers-runway",
      "local", "dev.vcg:vcg-core (images) or dev.vcg:vcg-stitch-jcodec (video)");

  private final List<ProviderFactory> factories;
  private final Map<String, ProviderConfig> explicitConfigs;
  private final UnaryOperator<String> env;
  private final UnaryOperator<String> properties;

  private ProviderRegistry(List<ProviderFactory> factories, Map<String, ProviderConfig> explicitConfigs,
                           UnaryOperator<String> env, UnaryOperator<String> properties) {
    this.factories = List.copyOf(factories);
    this.explicitConfigs = Map.copyOf(explicitConfigs);
    this.env = env;
    this.properties = properties;
  }

  /**
   * The factories on the class path of this library, found once with {@link ServiceLoader}.
   *
   * @return the registry, reading keys from this process's environment
   */
  public static ProviderRegistry discover() {
    return discover(ProviderRegistry.class.getClassLoader());
  }

  /**
   * The factories visible to a class loader.
   *
   * @param loader where to look
   * @return the registry, reading keys from this process's environment
   */
  public static ProviderRegistry discover(ClassLoader loader) {
    List<ProviderFactory> found = DISCOVERED.computeIfAbsent(loader, l -> {
      List<ProviderFactory> list = new ArrayList<>();
      ServiceLoader.load(ProviderFactory.class, l).forEach(list::add);
      return List.copyOf(list);
    });
    return new ProviderRegistry(found, Map.of(), System::getenv, System::getProperty);
  }

  /**
   * A registry of the given factories only (no discovery).
   *
   * @param factories the factories
   * @return the registry, reading keys from this process's environment
   */
  public static ProviderRegistry of(Collection<? extends ProviderFactory> factories) {
    return new ProviderRegistry(new ArrayList<>(factories), Map.of(), System::getenv, System::getProperty);
  }

  /**
   * @param factory another factory (e.g. a third-party one not on the service path)
   * @return a registry holding it too
   */
  public ProviderRegistry withFactory(ProviderFactory factory) {
    List<ProviderFactory> list = new ArrayList<>(factories);
    list.add(Objects.requireNonNull(factory, "factory"));
    return new ProviderRegistry(list, explicitConfigs, env, properties);
  }

  /**
   * @param config explicit settings for one provider; they win over the environment
   * @return a registry using them
   */
  public ProviderRegistry withConfig(ProviderConfig config) {
    Map<String, ProviderConfig> map = new LinkedHashMap<>(explicitConfigs);
    map.merge(config.providerId(), config, ProviderConfig::overriddenBy);
    return new ProviderRegistry(factories, map, env, properties);
  }

  /**
   * @param env environment lookup (tests pass a map; hosts may pass their secret store)
   * @param properties system-property lookup
   * @return a registry reading keys through them
   */
  public ProviderRegistry withEnvironment(UnaryOperator<String> env, UnaryOperator<String> properties) {
    return new ProviderRegistry(factories, explicitConfigs, Objects.requireNonNull(env, "env"),
        Objects.requireNonNull(properties, "properties"));
  }

  /** @return every factory, in discovery order */
  public List<ProviderFactory> factories() {
    return factories;
  }

  /**
   * The effective config of a provider: explicit values over system properties over the
   * environment.
   *
   * @param providerId the provider
   * @return its config
   */
  public ProviderConfig config(String providerId) {
    String variable = factories.stream().filter(f -> f.id().equals(providerId)).findFirst()
        .flatMap(ProviderFactory::apiKeyVariable).orElse(null);
    ProviderConfig fromEnv = ProviderConfig.fromEnvironment(providerId, variable, env, properties);
    ProviderConfig explicit = explicitConfigs.get(providerId);
    return explicit == null ? fromEnv : fromEnv.overriddenBy(explicit);
  }

  /**
   * The factory with an id that does a kind of work.
   *
   * @param kind what for
   * @param providerId the id
   * @return the factory
   * @throws ProviderNotConfiguredException if none or several have that id
   */
  public ProviderFactory factory(ProviderKind kind, String providerId) {
    List<ProviderFactory> matches = factories.stream()
        .filter(f -> f.id().equals(providerId) && f.kinds().contains(kind)).toList();
    if (matches.size() > 1) {
      throw new ProviderNotConfiguredException(providerId, "Several providers have the id '" + providerId
          + "' for " + kind + ": " + matches.stream().map(f -> f.getClass().getName()).collect(Collectors.joining(", "))
          + ". Remove one of them from the class path, or pass the instance you want to the gateway builder.");
    }
    if (matches.isEmpty()) {
      boolean otherKind = factories.stream().anyMatch(f -> f.id().equals(providerId));
      String hint = otherKind ? "Provider '" + providerId + "' is present but does no " + kind + "."
          : "No provider '" + providerId + "' is on the class path."
          + Optional.ofNullable(ARTIFACTS.get(providerId)).map(a -> " Add the dependency " + a + ".").orElse("");
      throw new ProviderNotConfiguredException(providerId, hint + " Available for " + kind + ": " + idsFor(kind));
    }
    return matches.get(0);
  }

  /**
   * Picks the provider for a kind by the rules above.
   *
   * @param kind what for
   * @param preferredId an explicit id, or null to choose automatically
   * @return the chosen factory
   * @throws ProviderNotConfiguredException when none is available, naming the artifacts to add
   */
  public ProviderFactory select(ProviderKind kind, String preferredId) {
    Objects.requireNonNull(kind, "kind");
    if (preferredId != null) {
      return factory(kind, preferredId);
    }
    List<ProviderFactory> candidates = factories.stream().filter(f -> f.kinds().contains(kind)).toList();
    // Detect duplicate ids early: a silent pick between two jars is the worst outcome.
    candidates.stream().collect(Collectors.groupingBy(ProviderFactory::id)).forEach((id, list) -> {
      if (list.size() > 1) {
        factory(kind, id);
      }
    });
    Comparator<ProviderFactory> order = Comparator
        .comparing((ProviderFactory f) -> f.builtIn())
        .thenComparing(Comparator.comparingInt(ProviderFactory::priority).reversed())
        .thenComparing(ProviderFactory::id);
    return candidates.stream()
        .filter(f -> f.isConfigured(config(f.id())))
        .min(order)
        .orElseThrow(() -> new ProviderNotConfiguredException(kind.name().toLowerCase(java.util.Locale.ROOT),
            noneMessage(kind, candidates)));
  }

  private String noneMessage(ProviderKind kind, List<ProviderFactory> candidates) {
    if (candidates.isEmpty()) {
      String artifacts = switch (kind) {
        case LLM -> "dev.vcg:vcg-providers-openrouter or dev.vcg:vcg-providers-openai";
        case IMAGE -> "dev.vcg:vcg-providers-fal or dev.vcg:vcg-providers-openai";
        case VIDEO -> "dev.vcg:vcg-providers-fal, dev.vcg:vcg-providers-runway, or dev.vcg:vcg-stitch-jcodec (offline)";
      };
      return "No " + kind + " provider is on the class path. Add " + artifacts + ".";
    }
    return "No " + kind + " provider is configured. Set one of "
        + candidates.stream().map(f -> f.apiKeyVariable().map(v -> v + " (" + f.id() + ")").orElse(f.id()))
            .collect(Collectors.joining(", "))
        + ", or pass a ProviderConfig with a key.";
  }

  /**
   * @param kind what for
   * @return the ids of factories doing that kind, or "none"
   */
  private String idsFor(ProviderKind kind) {
    String ids = factories.stream().filter(f -> f.kinds().contains(kind)).map(ProviderFactory::id)
        .distinct().collect(Collectors.joining(", "));
    return ids.isEmpty() ? "none" : ids;
  }

  /**
   * @param providerId an explicit id, or null
   * @return a language model client from the selected factory and its config
   */
  public LlmProvider llm(String providerId) {
    ProviderFactory f = select(ProviderKind.LLM, providerId);
    return f.createLlm(config(f.id()));
  }

  /**
   * @param providerId an explicit id, or null
   * @return an image client from the selected factory and its config
   */
  public ImageProvider image(String providerId) {
    ProviderFactory f = select(ProviderKind.IMAGE, providerId);
    return f.createImage(config(f.id()));
  }

  /**
   * @param providerId an explicit id, or null
   * @return a video client from the selected factory and its config
   */
  public VideoProvider video(String providerId) {
    ProviderFactory f = select(ProviderKind.VIDEO, providerId);
    return f.createVideo(config(f.id()));
  }

  /** @return the list prices of every factory */
  public PriceBook priceBook() {
    PriceBook book = PriceBook.EMPTY;
    for (ProviderFactory f : factories) {
      book = book.with(f.priceBook());
    }
    return book;
  }

  @Override
  public String toString() {
    return "ProviderRegistry" + factories.stream().map(f -> f.id() + f.kinds()).toList();
  }
}
