package dev.vcg;

import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.LlmProvider;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.provider.VideoProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers one gateway (or one project) works with, chosen by the documented rules: an
 * explicit instance wins, then an explicit id, then the configured discovered provider with the
 * highest priority, then the built-in offline one. Without a language model plans are made by
 * the rule planner; without any video provider on the class path rendering fails with the reason
 * kept here, while planning still works. Immutable.
 */
final class ProviderSetup {
  /** The model named for plans made without a language model. */
  static final String RULE_PLANNER = "rule-planner";

  final LlmProvider llm;
  final ImageProvider image;
  final VideoProvider video;
  final ProviderException videoProblem;
  final List<ProviderChoice> choices;

  private ProviderSetup(LlmProvider llm, ImageProvider image, VideoProvider video, ProviderException videoProblem,
                        List<ProviderChoice> choices) {
    this.llm = llm;
    this.image = image;
    this.video = video;
    this.videoProblem = videoProblem;
    this.choices = List.copyOf(choices);
  }

  /** Explicit choices for one kind: an instance, an id, or neither. */
  record Wanted(Object instance, String id) {
    static final Wanted NONE = new Wanted(null, null);
  }

  /**
   * Chooses the providers.
   *
   * @param registry discovered factories, with environment and explicit configs
   * @param wanted explicit choices by kind
   * @return the choices
   * @throws ProviderNotConfiguredException if an explicit id is unknown or lacks its key, or no
   *     image provider exists at all
   */
  static ProviderSetup choose(ProviderRegistry registry, Map<ProviderKind, Wanted> wanted) {
    List<ProviderChoice> choices = new ArrayList<>();
    Wanted w = wanted.getOrDefault(ProviderKind.LLM, Wanted.NONE);
    LlmProvider llm;
    if (w.instance() != null) {
      llm = (LlmProvider) w.instance();
      choices.add(new ProviderChoice(ProviderKind.LLM, llm.id(), llm.model(), ProviderChoice.Source.INSTANCE));
    } else {
      Optional<ProviderFactory> f = pick(registry, ProviderKind.LLM, w.id());
      llm = f.map(x -> x.createLlm(registry.config(x.id()))).orElse(null);
      if (llm != null) {
        choices.add(new ProviderChoice(ProviderKind.LLM, llm.id(), llm.model(), source(f.get(), w)));
      } else {
        choices.add(new ProviderChoice(ProviderKind.LLM, "local", RULE_PLANNER, ProviderChoice.Source.OFFLINE));
      }
    }

    w = wanted.getOrDefault(ProviderKind.IMAGE, Wanted.NONE);
    ImageProvider image;
    if (w.instance() != null) {
      image = (ImageProvider) w.instance();
      choices.add(new ProviderChoice(ProviderKind.IMAGE, image.id(), image.model(), ProviderChoice.Source.INSTANCE));
    } else {
      ProviderFactory f = registry.select(ProviderKind.IMAGE, w.id());
      image = f.createImage(registry.config(f.id()));
      choices.add(new ProviderChoice(ProviderKind.IMAGE, image.id(), image.model(), source(f, w)));
    }

    w = wanted.getOrDefault(ProviderKind.VIDEO, Wanted.NONE);
    VideoProvider video = null;
    ProviderException videoProblem = null;
    if (w.instance() != null) {
      video = (VideoProvider) w.instance();
      choices.add(new ProviderChoice(ProviderKind.VIDEO, video.id(), video.model(), ProviderChoice.Source.INSTANCE));
    } else if (w.id() != null) {
      ProviderFactory f = registry.select(ProviderKind.VIDEO, w.id());
      video = f.createVideo(registry.config(f.id()));
      choices.add(new ProviderChoice(ProviderKind.VIDEO, video.id(), video.model(), ProviderChoice.Source.ID));
    } else {
      try {
        ProviderFactory f = registry.select(ProviderKind.VIDEO, null);
        video = f.createVideo(registry.config(f.id()));
        choices.add(new ProviderChoice(ProviderKind.VIDEO, video.id(), video.model(), source(f, w)));
      } catch (ProviderNotConfiguredException e) {
        videoProblem = e;
      }
    }
    return new ProviderSetup(llm, image, video, videoProblem, choices);
  }

  /**
   * The providers of a project: the gateway's, except for the kinds the project configures itself
   * (chosen by the config's provider id, with its key, model and base URL over the environment).
   *
   * @param base the gateway's providers
   * @param registry the gateway's registry
   * @param configs the project's own providers by kind
   * @return the project's providers
   * @throws ProviderNotConfiguredException if a configured provider is unknown or lacks its key
   */
  static ProviderSetup override(ProviderSetup base, ProviderRegistry registry, Map<ProviderKind, ProviderConfig> configs) {
    if (configs.isEmpty()) {
      return base;
    }
    LlmProvider llm = base.llm;
    ImageProvider image = base.image;
    VideoProvider video = base.video;
    ProviderException videoProblem = base.videoProblem;
    List<ProviderChoice> choices = new ArrayList<>();
    for (ProviderKind kind : ProviderKind.values()) {
      ProviderConfig c = configs.get(kind);
      if (c == null) {
        base.choice(kind).ifPresent(choices::add);
        continue;
      }
      ProviderRegistry r = registry.withConfig(c);
      ProviderFactory f = r.select(kind, c.providerId());
      ProviderConfig effective = r.config(f.id());
      String model;
      switch (kind) {
        case LLM -> {
          llm = f.createLlm(effective);
          model = llm.model();
        }
        case IMAGE -> {
          image = f.createImage(effective);
          model = image.model();
        }
        default -> {
          video = f.createVideo(effective);
          videoProblem = null;
          model = video.model();
        }
      }
      choices.add(new ProviderChoice(kind, f.id(), model, ProviderChoice.Source.ID));
    }
    return new ProviderSetup(llm, image, video, videoProblem, choices);
  }

  /** An LLM is optional: none configured means the rule planner. An explicit id must resolve. */
  private static Optional<ProviderFactory> pick(ProviderRegistry registry, ProviderKind kind, String id) {
    if (id != null) {
      return Optional.of(registry.select(kind, id));
    }
    try {
      return Optional.of(registry.select(kind, null));
    } catch (ProviderNotConfiguredException e) {
      return Optional.empty();
    }
  }

  private static ProviderChoice.Source source(ProviderFactory f, Wanted w) {
    if (w.id() != null) {
      return ProviderChoice.Source.ID;
    }
    return f.builtIn() ? ProviderChoice.Source.OFFLINE : ProviderChoice.Source.CONFIGURED;
  }

  /**
   * @return the video provider
   * @throws ProviderException why there is none (e.g. no video artifact on the class path)
   */
  VideoProvider requireVideo() {
    if (video == null) {
      throw videoProblem != null ? videoProblem : new ProviderNotConfiguredException("video",
          "No video provider is configured. Add dev.vcg:vcg-stitch-jcodec for the offline one, or a provider artifact.");
    }
    return video;
  }

  Optional<ProviderChoice> choice(ProviderKind kind) {
    return choices.stream().filter(c -> c.kind() == kind).findFirst();
  }

  @Override
  public String toString() {
    return "ProviderSetup" + choices;
  }
}
