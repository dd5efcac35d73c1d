package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vcg.provider.ApiKey;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.provider.UnsupportedCapabilityException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ProviderFactory} passes: a public no-argument constructor, a stable
 * id, a {@code META-INF/services} entry, declared models with capabilities for each declared kind,
 * providers created from a {@link ProviderConfig} without any network I/O, kinds it does not declare
 * refused, a missing key reported with the variable to set, and a key that never shows in
 * {@code toString}.
 *
 * <pre>{@code
 * class FalFactoryContractTest extends ProviderFactoryContract {
 *   protected ProviderFactory factory() { return new FalProviderFactory(); }
 * }
 * }</pre>
 */
public abstract class ProviderFactoryContract {
  /** @return a new instance of the factory under test */
  protected abstract ProviderFactory factory();

  /**
   * The class loader whose {@code META-INF/services} must list the factory (its own by default).
   *
   * @return the loader
   */
  protected ClassLoader serviceClassLoader() {
    return factory().getClass().getClassLoader();
  }

  /**
   * The config the kit creates providers from. Override to add required options.
   *
   * @param key the key, or null for a config without one
   * @param baseUrl a base URL that counts connections
   * @return the config
   */
  protected ProviderConfig config(ApiKey key, URI baseUrl) {
    ProviderConfig.Builder b = ProviderConfig.builder(factory().id()).baseUrl(baseUrl);
    if (key != null) {
      b.apiKey(key);
    }
    return b.build();
  }

  private Object create(ProviderFactory f, ProviderKind kind, ProviderConfig config) {
    switch (kind) {
      case LLM:
        return f.createLlm(config);
      case IMAGE:
        return f.createImage(config);
      default:
        return f.createVideo(config);
    }
  }

  private static String idOf(Object provider) {
    if (provider instanceof dev.vcg.provider.LlmProvider) {
      return ((dev.vcg.provider.LlmProvider) provider).id();
    }
    if (provider instanceof dev.vcg.provider.ImageProvider) {
      return ((dev.vcg.provider.ImageProvider) provider).id();
    }
    return ((dev.vcg.provider.VideoProvider) provider).id();
  }

  private static String modelOf(Object provider) {
    if (provider instanceof dev.vcg.provider.LlmProvider) {
      return ((dev.vcg.provider.LlmProvider) provider).model();
    }
    if (provider instanceof dev.vcg.provider.ImageProvider) {
      return ((dev.vcg.provider.ImageProvider) provider).model();
    }
    return ((dev.vcg.provider.VideoProvider) provider).model();
  }

  /** ServiceLoader can instantiate the factory. */
  @Test
  void hasAPublicNoArgumentConstructor() throws Exception {
    Class<? extends ProviderFactory> type = factory().getClass();
    assertThat(Modifier.isPublic(type.getModifiers())).as("factory class is public").isTrue();
    assertThat(Modifier.isAbstract(type.getModifiers())).isFalse();
    Constructor<? extends ProviderFactory> constructor = type.getConstructor();
    assertThat(Modifier.isPublic(constructor.getModifiers())).isTrue();
    assertThat(constructor.newInstance().id()).isEqualTo(factory().id());
  }

  /** The factory is listed in {@code META-INF/services/dev.vcg.provider.ProviderFactory}. */
  @Test
  void isListedForServiceLoader() {
    Class<?> type = factory().getClass();
    List<Class<?>> found = ServiceLoader.load(ProviderFactory.class, serviceClassLoader()).stream()
        .map(ServiceLoader.Provider::type).collect(Collectors.toList());
    assertThat(found).as("factories listed in META-INF/services/" + ProviderFactory.class.getName()).contains(type);
  }

  /** The id is a stable lower-case token. */
  @Test
  void hasAStableId() {
    String id = factory().id();
    assertThat(id).matches("[a-z0-9][a-z0-9-]*");
    assertThat(factory().id()).isEqualTo(id);
    assertThat(factory().kinds()).isNotEmpty();
  }

  /** Every declared kind has models with capabilities and a default model. */
  @Test
  void declaresModelsForEachKind() {
    ProviderFactory f = factory();
    assertThat(f.models()).isNotEmpty();
    Set<String> seen = new HashSet<>();
    for (ModelInfo m : f.models()) {
      assertThat(f.kinds()).as("kind of model %s", m.id()).contains(m.kind());
      assertThat(seen.add(m.kind() + "/" + m.id())).as("model %s listed once", m.id()).isTrue();
      assertThat(m.description()).isNotBlank();
      assertThat(m.price()).isNotNull();
      switch (m.kind()) {
        case LLM:
          assertThat(m.llmCapabilities()).isPresent();
          break;
        case IMAGE:
          assertThat(m.imageCapabilities()).isPresent();
          break;
        default:
          assertThat(m.videoCapabilities()).isPresent();
      }
    }
    for (ProviderKind kind : f.kinds()) {
      String model = f.defaultModel(kind);
      assertThat(f.model(kind, model)).as("default %s model %s is declared", kind, model).isPresent();
    }
    assertThat(f.priceBook()).isNotNull();
  }

  /** Providers of each declared kind come from a config with no network I/O, with the right id and model. */
  @Test
  void createsProvidersFromAConfigWithoutIo() {
    ProviderFactory f = factory();
    try (LoopbackTrap trap = LoopbackTrap.open()) {
      ProviderConfig config = config(ApiKey.of("sk-test-factory"), trap.url());
      for (ProviderKind kind : f.kinds()) {
        Object provider = create(f, kind, config);
        assertThat(provider).as("%s provider", kind).isNotNull();
        assertThat(idOf(provider)).isEqualTo(f.id());
        assertThat(modelOf(provider)).isEqualTo(f.defaultModel(kind));
        Optional<ModelInfo> other = f.models().stream().filter(m -> m.kind() == kind)
            .filter(m -> !m.id().equals(f.defaultModel(kind))).findFirst();
        if (other.isPresent()) {
          Object chosen = create(f, kind, config.toBuilder().model(other.get().id()).build());
          assertThat(modelOf(chosen)).as("provider built for the configured model").isEqualTo(other.get().id());
        }
      }
      assertThat(trap.connections()).as("network connections made while creating providers").isZero();
    }
  }

  /** Kinds the factory does not declare are refused with a typed error. */
  @Test
  void refusesKindsItDoesNotDeclare() {
    ProviderFactory f = factory();
    try (LoopbackTrap trap = LoopbackTrap.open()) {
      ProviderConfig config = config(ApiKey.of("sk-test-factory"), trap.url());
      for (ProviderKind kind : EnumSet.complementOf(EnumSet.copyOf(f.kinds()))) {
        assertThat(catchThrowable(() -> create(f, kind, config))).as("creating a %s provider", kind)
            .isInstanceOf(UnsupportedCapabilityException.class);
      }
    }
  }

  /** Without a key, the factory says it is not configured and names the variable to set. */
  @Test
  void reportsAMissingKeyWithTheVariableToSet() {
    ProviderFactory f = factory();
    Optional<String> variable = f.apiKeyVariable();
    try (LoopbackTrap trap = LoopbackTrap.open()) {
      ProviderConfig withKey = config(ApiKey.of("sk-test-factory"), trap.url());
      assertThat(f.isConfigured(withKey)).isTrue();
      if (variable.isEmpty()) {
        return;
      }
      ProviderConfig without = config(null, trap.url());
      assertThat(f.isConfigured(without)).isFalse();
      for (ProviderKind kind : f.kinds()) {
        Throwable t = catchThrowable(() -> create(f, kind, without));
        assertThat(t).as("creating a %s provider without a key", kind)
            .isInstanceOf(ProviderNotConfiguredException.class);
        assertThat(t.getMessage()).contains(variable.get());
      }
    }
  }

  /** Neither the factory nor its providers print the key. */
  @Test
  void neverPrintsTheKey() {
    Canary canary = Canary.create();
    ProviderFactory f = factory();
    List<Object> seen = new ArrayList<>();
    seen.add(f);
    seen.addAll(f.models());
    try (LoopbackTrap trap = LoopbackTrap.open()) {
      ProviderConfig config = config(canary.key(), trap.url());
      seen.add(config);
      for (ProviderKind kind : f.kinds()) {
        seen.add(create(f, kind, config));
      }
    }
    canary.assertAbsent(seen.toArray());
  }
}
