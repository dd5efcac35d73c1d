package dev.vcg.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.ProviderChoice;
import dev.vcg.internal.Json;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageSize;
import dev.vcg.provider.ModelInfo;
import dev.vcg.provider.ProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.VideoCapabilities;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The providers the server found, configured or not, and their models:
 * <ul>
 *   <li>{@code GET /api/providers} — each provider: id, kinds, whether it is a built-in offline
 *       one, whether it is configured (a key is set: the name of the variable is shown, never the
 *       key), which kinds the gateway uses it for, and its models with capabilities and prices;
 *       then the provider chosen for each kind;</li>
 *   <li>{@code GET /api/providers/{type}/models} — the models of one kind ({@code llm},
 *       {@code image}, {@code video}) across providers.</li>
 * </ul>
 */
final class ProvidersApi {
  static final String BASE = "/api/providers";
  private static final ObjectMapper MAPPER = Json.mapper();

  private final ServerContext server;

  ProvidersApi(ServerContext server) {
    this.server = server;
  }

  void register(Router router) {
    router.add("GET", BASE, this::providers)
        .add("GET", BASE + "/{type}/models", this::models);
  }

  private void providers(Call c) {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode list = o.putArray("providers");
    List<ProviderChoice> used = server.gateway().providers();
    for (ProviderFactory f : factories()) {
      ObjectNode n = list.addObject();
      n.put("id", f.id());
      ArrayNode kinds = n.putArray("kinds");
      f.kinds().stream().sorted().forEach(k -> kinds.add(name(k)));
      n.put("offline", f.builtIn());
      n.put("configured", f.isConfigured(server.registry().config(f.id())));
      f.apiKeyVariable().ifPresentOrElse(v -> n.put("keyVariable", v), () -> n.putNull("keyVariable"));
      ArrayNode usedFor = n.putArray("usedFor");
      used.stream().filter(u -> u.providerId().equals(f.id())).forEach(u -> usedFor.add(name(u.kind())));
      ArrayNode models = n.putArray("models");
      f.models().forEach(m -> models.add(model(m)));
    }
    ArrayNode chosen = o.putArray("used");
    for (ProviderChoice u : used) {
      ObjectNode n = chosen.addObject();
      n.put("kind", name(u.kind()));
      n.put("provider", u.providerId());
      n.put("model", u.model());
      n.put("source", u.source().name().toLowerCase(Locale.ROOT));
      n.put("offline", u.isOffline());
    }
    c.respond(200, o);
  }

  private void models(Call c) {
    String type = c.param(0).toLowerCase(Locale.ROOT);
    ProviderKind kind = switch (type) {
      case "llm" -> ProviderKind.LLM;
      case "image" -> ProviderKind.IMAGE;
      case "video" -> ProviderKind.VIDEO;
      default -> throw HttpFailure.notFound("There is no provider type '" + c.param(0) + "'; use llm, image or "
          + "video, e.g. GET " + BASE + "/video/models.");
    };
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", type);
    ArrayNode models = o.putArray("models");
    for (ProviderFactory f : factories()) {
      if (!f.kinds().contains(kind)) {
        continue;
      }
      boolean configured = f.isConfigured(server.registry().config(f.id()));
      for (ModelInfo m : f.models()) {
        if (m.kind() == kind) {
          ObjectNode n = model(m);
          n.put("provider", f.id());
          n.put("offline", f.builtIn());
          n.put("configured", configured);
          models.add(n);
        }
      }
    }
    c.respond(200, o);
  }

  private List<ProviderFactory> factories() {
    return server.registry().factories().stream()
        .sorted(Comparator.comparing(ProviderFactory::builtIn).thenComparing(ProviderFactory::id))
        .toList();
  }

  private static ObjectNode model(ModelInfo m) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", m.id());
    n.put("kind", name(m.kind()));
    n.put("description", m.description());
    ObjectNode caps = n.putObject("capabilities");
    m.llmCapabilities().ifPresent(l -> caps.setAll((ObjectNode) MAPPER.valueToTree(l)));
    m.imageCapabilities().ifPresent(i -> image(caps, i));
    m.videoCapabilities().ifPresent(v -> video(caps, v));
    n.set("price", MAPPER.valueToTree(m.price()));
    return n;
  }

  private static void image(ObjectNode n, ImageCapabilities c) {
    ArrayNode sizes = n.putArray("sizes");
    for (ImageSize s : c.sizes()) {
      sizes.add(s.width() + "x" + s.height());
    }
    n.put("maxWidth", c.maxWidth());
    n.put("maxHeight", c.maxHeight());
    n.put("maxReferenceImages", c.maxReferenceImages());
    n.put("seed", c.supportsSeed());
    n.put("maxPromptLength", c.maxPromptLength());
  }

  private static void video(ObjectNode n, VideoCapabilities c) {
    n.put("endFrame", c.supportsEndFrame());
    ArrayNode durations = n.putArray("durationsSeconds");
    c.durationsSeconds().forEach(durations::add);
    ArrayNode ratios = n.putArray("aspectRatios");
    c.aspectRatios().stream().map(Object::toString).sorted().forEach(ratios::add);
    n.put("aspectFollowsImage", c.aspectFollowsImage());
    n.put("seed", c.supportsSeed());
    n.put("maxPromptLength", c.maxPromptLength());
  }

  private static String name(ProviderKind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }
}
