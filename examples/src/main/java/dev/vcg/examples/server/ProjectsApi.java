package dev.vcg.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.Quality;
import dev.vcg.WorkflowHandle;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.direction.DirectionHistory;
import dev.vcg.direction.DirectionResult;
import dev.vcg.direction.VideoStyle;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.projects.NewProject;
import dev.vcg.projects.Project;
import dev.vcg.projects.ProjectCost;
import dev.vcg.projects.ProjectStateException;
import dev.vcg.projects.ProjectStatus;
import dev.vcg.projects.ProviderSettings;
import dev.vcg.provider.ApiKey;
import dev.vcg.provider.AspectRatio;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The seed's project endpoints, a person in the loop between plan and spend:
 * <ul>
 *   <li>{@code POST /api/projects} — create (concept, style, targetDuration, aspectRatio, quality,
 *       maxCost, autoApprove, reviewFrames, and per-project providers under {@code config} with
 *       their keys: accepted, used, never returned nor saved); {@code 201};</li>
 *   <li>{@code GET /api/projects} — every project; {@code GET /api/projects/{id}} — one, with its
 *       status; {@code DELETE /api/projects/{id}}; {@code PUT /api/projects/{id}/config} — the
 *       project's providers again (same shape as {@code config} at creation), e.g. their keys after
 *       a restart, since keys are never saved;</li>
 *   <li>{@code POST /api/projects/{id}/direct} — the director's plan with its cost estimate;</li>
 *   <li>{@code POST /api/projects/{id}/refine} — {@code {"feedback": "…"}}: the next version;</li>
 *   <li>{@code POST /api/projects/{id}/approve} — locks the plan; when the project waits with its
 *       stills, approves them and generation goes on ({@code 202});</li>
 *   <li>{@code POST /api/projects/{id}/generate} — starts making the video ({@code 202} with the
 *       workflow id), refused with {@code 409} before approval unless the project auto-approves;</li>
 *   <li>{@code GET /api/projects/{id}/direction}, {@code GET /api/projects/{id}/cost} (estimated
 *       vs actual), {@code GET /api/projects/{id}/events} (the generation's progress as
 *       Server-Sent Events).</li>
 * </ul>
 */
final class ProjectsApi {
  static final String BASE = "/api/projects";
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final Set<String> CREATE_FIELDS = Set.of("name", "concept", "style", "targetDuration", "duration",
      "aspectRatio", "quality", "maxCost", "autoApprove", "reviewFrames", "config");
  private static final Set<String> PROVIDER_FIELDS = Set.of("provider", "apiKey", "model", "baseUrl", "options");

  private final ServerContext server;

  ProjectsApi(ServerContext server) {
    this.server = server;
  }

  void register(Router router) {
    router.add("POST", BASE, this::create)
        .add("GET", BASE, this::list)
        .add("GET", BASE + "/{id}", c -> c.respond(200, view(server.gateway().projects().get(c.param(0)))))
        .add("DELETE", BASE + "/{id}", this::delete)
        .add("PUT", BASE + "/{id}/config", this::configure)
        .add("POST", BASE + "/{id}/direct", c -> c.respond(200,
            direction(server.gateway().projects().direct(c.param(0)))))
        .add("POST", BASE + "/{id}/refine", this::refine)
        .add("POST", BASE + "/{id}/approve", this::approve)
        .add("POST", BASE + "/{id}/generate", this::generate)
        .add("GET", BASE + "/{id}/direction", c -> c.respond(200, direction(server.gateway().projects().get(c.param(0)))))
        .add("GET", BASE + "/{id}/cost", c -> c.respond(200, cost(server.gateway().projects().cost(c.param(0)))))
        .add("GET", BASE + "/{id}/events", this::events);
  }

  // ------------------------------------------------------------------ handlers

  private void create(Call c) {
    ObjectNode body = c.json();
    // Keys are known to the scrubber before anything else happens, so no answer can carry one.
    rememberKeys(body.path("config"));
    NewProject spec = spec(body);
    Project p = server.gateway().projects().create(spec);
    c.exchange().getResponseHeaders().set("Location", BASE + "/" + p.id());
    c.respond(201, view(p));
  }

  private void list(Call c) {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode all = o.putArray("projects");
    server.gateway().projects().list().forEach(p -> all.add(view(p)));
    c.respond(200, o);
  }

  private void delete(Call c) {
    String id = c.param(0);
    if (!server.gateway().projects().delete(id)) {
      throw HttpFailure.notFound("There is no project '" + id + "'.");
    }
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", id);
    o.put("deleted", true);
    c.respond(200, o);
  }

  /** Gives a project's providers again, e.g. their keys after a restart (keys are never saved). */
  private void configure(Call c) {
    ObjectNode body = c.json();
    rememberKeys(body);
    Map<ProviderKind, ProviderConfig> providers;
    try {
      providers = providers(body);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new HttpFailure(400, "invalid_input", Call.abbreviate(e.getMessage()));
    }
    if (providers.isEmpty()) {
      throw HttpFailure.badRequest("give at least one provider: {\"llm\": {\"provider\": \"openrouter\", "
          + "\"apiKey\": \"…\"}}");
    }
    c.respond(200, view(server.gateway().projects().configure(c.param(0), providers)));
  }

  private void refine(Call c) {
    ObjectNode body = c.json();
    String feedback;
    try {
      feedback = Wire.text(body, "feedback").orElse("");
    } catch (IllegalArgumentException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
    if (feedback.isBlank()) {
      throw HttpFailure.badRequest("feedback is required: {\"feedback\": \"make the opening longer\"}");
    }
    c.respond(200, direction(server.gateway().projects().refine(c.param(0), feedback)));
  }

  /** Approves the plan, or (when the stills wait for review) the stills, and generation goes on. */
  private void approve(Call c) {
    String id = c.param(0);
    Project p = server.gateway().projects().get(id);
    if (p.status() == ProjectStatus.AWAITING_APPROVAL) {
      WorkflowHandle h = server.gateway().projects().approveFrames(id);
      c.respond(202, started(server.gateway().projects().get(id), h, "the stills are approved; the clips are being made"));
      return;
    }
    c.respond(200, view(server.gateway().projects().approve(id)));
  }

  private void generate(Call c) {
    String id = c.param(0);
    WorkflowHandle h = server.gateway().projects().generate(id);
    c.respond(202, started(server.gateway().projects().get(id), h, "the video is being made"));
  }

  private void events(Call c) {
    String id = c.param(0);
    Project p = server.gateway().projects().get(id);
    String run = p.runId().orElseThrow(() -> new ProjectStateException(id, p.status(), "project " + id
        + " has not started generating; approve its plan, then POST " + BASE + "/" + id + "/generate"));
    EventStream.serve(c, server, run);
  }

  // ------------------------------------------------------------------ requests

  private void rememberKeys(JsonNode config) {
    if (!config.isObject()) {
      return;
    }
    config.forEach(provider -> {
      JsonNode key = provider.path("apiKey");
      if (key.isTextual()) {
        server.secrets().add(key.asText());
      }
    });
  }

  private static NewProject spec(ObjectNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!CREATE_FIELDS.contains(f)) {
        throw new HttpFailure(400, "invalid_input", "unknown field '" + Call.abbreviate(f) + "'; a project takes "
            + CREATE_FIELDS.stream().sorted().toList());
      }
    }
    try {
      NewProject.Builder b = NewProject.builder();
      b.concept(Wire.text(body, "concept").orElseThrow(() -> new IllegalArgumentException(
          "concept is required: {\"concept\": \"a forge revealing an emblem\", \"targetDuration\": 30}")));
      Wire.text(body, "name").ifPresent(b::name);
      Wire.text(body, "style").ifPresent(s -> b.style(VideoStyle.parse(s)));
      Wire.number(body, "targetDuration").or(() -> Wire.number(body, "duration")).ifPresent(b::targetDuration);
      Wire.text(body, "aspectRatio").ifPresent(a -> b.aspectRatio(AspectRatio.of(a)));
      Wire.text(body, "quality").ifPresent(q -> b.quality(Quality.parse(q)));
      Wire.money(body, "maxCost").ifPresent(b::maxCost);
      b.autoApprove(Wire.bool(body, "autoApprove", false));
      b.reviewFrames(Wire.bool(body, "reviewFrames", false));
      providers(body.path("config")).forEach(b::provider);
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new HttpFailure(400, "invalid_input", Call.abbreviate(e.getMessage()));
    }
  }

  /**
   * Reads {@code {"llm": {"provider", "apiKey", "model", "baseUrl", "options"}, "image": …,
   * "video": …, "compile": {"provider": "none"}}}.
   */
  private static Map<ProviderKind, ProviderConfig> providers(JsonNode config) {
    Map<ProviderKind, ProviderConfig> out = new EnumMap<>(ProviderKind.class);
    if (config.isMissingNode() || config.isNull()) {
      return out;
    }
    if (!config.isObject()) {
      throw new IllegalArgumentException("config must be an object: {\"llm\": {\"provider\": \"openrouter\", "
          + "\"apiKey\": \"…\", \"model\": \"…\"}, \"image\": {…}, \"video\": {…}}");
    }
    config.properties().forEach(e -> {
      String name = e.getKey();
      JsonNode c = e.getValue();
      if (!c.isObject()) {
        throw new IllegalArgumentException("config." + name + " must be an object with provider");
      }
      if (name.equals("compile")) {
        String p = Wire.text(c, "provider").orElse("none");
        if (!p.equals("none")) {
          throw new IllegalArgumentException("config.compile.provider: only \"none\" is supported; videos are "
              + "stitched on the server");
        }
        return;
      }
      ProviderKind kind;
      try {
        kind = ProviderKind.valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException("config." + Call.abbreviate(name) + " is not a kind of provider; use "
            + "llm, image, video (or compile with provider none)");
      }
      out.put(kind, provider(c, "config." + name));
    });
    return out;
  }

  private static ProviderConfig provider(JsonNode c, String field) {
    for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!PROVIDER_FIELDS.contains(f)) {
        throw new IllegalArgumentException(field + "." + Call.abbreviate(f) + " is not known; a provider takes "
            + PROVIDER_FIELDS.stream().sorted().toList());
      }
    }
    String id = Wire.text(c, "provider").orElseThrow(() -> new IllegalArgumentException(field
        + ".provider is required (see GET /api/providers)"));
    ProviderConfig.Builder b = ProviderConfig.builder(id);
    Wire.text(c, "apiKey").ifPresent(k -> {
      try {
        b.apiKey(ApiKey.of(k));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ".apiKey: " + e.getMessage());
      }
    });
    Wire.text(c, "model").ifPresent(b::model);
    Wire.text(c, "baseUrl").ifPresent(u -> {
      try {
        URI uri = new URI(u.strip());
        if (!uri.isAbsolute()) {
          throw new IllegalArgumentException(field + ".baseUrl must be an absolute URL");
        }
        b.baseUrl(uri);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException(field + ".baseUrl is not a valid URL");
      }
    });
    JsonNode options = c.path("options");
    if (options.isObject()) {
      options.properties().forEach(o -> {
        if (!o.getValue().isValueNode()) {
          throw new IllegalArgumentException(field + ".options." + o.getKey() + " must be a string or number");
        }
        b.option(o.getKey(), o.getValue().asText());
      });
    } else if (!options.isMissingNode() && !options.isNull()) {
      throw new IllegalArgumentException(field + ".options must be an object");
    }
    return b.build();
  }

  // ------------------------------------------------------------------ responses

  /**
   * A project as the API shows it: never a key (only provider, model and base URL of its own
   * providers).
   */
  static ObjectNode view(Project p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", p.id());
    o.put("name", p.name());
    o.put("concept", p.concept());
    p.style().ifPresent(s -> o.put("style", s.wireName()));
    o.put("targetDuration", p.targetDuration());
    o.put("aspectRatio", p.aspectRatio().toString());
    o.put("quality", p.quality().wireName());
    ObjectNode config = o.putObject("config");
    for (ProviderSettings s : p.providers()) {
      ObjectNode n = config.putObject(s.kind().name().toLowerCase(Locale.ROOT));
      n.put("provider", s.providerId());
      s.modelIfAny().ifPresent(m -> n.put("model", m));
      if (s.baseUrl() != null) {
        n.put("baseUrl", s.baseUrl().toString());
      }
    }
    p.maxCost().ifPresent(m -> o.set("maxCost", MAPPER.valueToTree(m)));
    o.put("autoApprove", p.autoApprove());
    o.put("reviewFrames", p.reviewFrames());
    o.put("status", status(p.status()));
    o.put("next", next(p));
    p.history().ifPresent(h -> {
      ObjectNode d = o.putObject("direction");
      DirectionResult latest = h.latest();
      d.put("version", latest.version());
      d.put("versions", h.size());
      d.put("title", latest.direction().title());
      p.approvedDirection().ifPresent(a -> d.put("approvedVersion", a.version()));
    });
    p.estimate().ifPresent(e -> o.set("estimatedCost", MAPPER.valueToTree(e)));
    p.runId().ifPresent(r -> o.put("workflowId", r));
    p.review().ifPresent(r -> {
      ObjectNode n = o.putObject("review");
      ArrayNode frames = n.putArray("frames");
      for (MediaRef f : r.frames()) {
        frames.add(Wire.media(f));
      }
      n.set("costToAnimate", MAPPER.valueToTree(r.costToAnimate()));
    });
    p.video().ifPresent(v -> o.set("video", Wire.video(v)));
    p.failure().ifPresent(f -> o.put("failure", f));
    o.put("createdAt", p.createdAt().toString());
    o.put("updatedAt", p.updatedAt().toString());
    ObjectNode links = o.putObject("links");
    String self = BASE + "/" + p.id();
    links.put("self", self);
    links.put("direction", self + "/direction");
    links.put("cost", self + "/cost");
    p.runId().ifPresent(r -> links.put("events", self + "/events"));
    return o;
  }

  private static String status(ProjectStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /** What the person can do next, in words. */
  private static String next(Project p) {
    String self = BASE + "/" + p.id();
    return switch (p.status()) {
      case CREATED -> "POST " + self + "/direct to plan the video";
      case DIRECTED -> "review the plan (GET " + self + "/direction), POST " + self + "/refine with feedback, or POST "
          + self + "/approve";
      case APPROVED -> "POST " + self + "/generate to make the video";
      case GENERATING -> "follow GET " + self + "/events";
      case AWAITING_APPROVAL -> "look at the stills and the cost to animate them, then POST " + self + "/approve";
      case COMPLETED -> "the video is ready";
      case FAILED -> "POST " + self + "/generate to continue without paying again for what is done";
    };
  }

  /**
   * The plan of a project: the latest version's video plan (title, narrative, totalDuration,
   * scenes with shots) with its cost estimate, which version is approved, and the history.
   */
  static ObjectNode direction(Project p) {
    DirectionHistory h = p.history().orElseThrow(() -> new ProjectStateException(p.id(), p.status(), "project "
        + p.id() + " has no plan yet; POST " + BASE + "/" + p.id() + "/direct first"));
    DirectionResult latest = h.latest();
    ObjectNode o = MAPPER.createObjectNode();
    o.put("projectId", p.id());
    o.put("status", status(p.status()));
    o.put("version", latest.version());
    o.put("approved", p.approvedDirection().map(a -> a.version() == latest.version()).orElse(false));
    p.approvedDirection().ifPresent(a -> o.put("approvedVersion", a.version()));
    o.put("source", latest.source().name().toLowerCase(Locale.ROOT));
    latest.model().ifPresent(m -> o.put("model", m));
    latest.feedback().ifPresent(f -> o.put("feedback", f));
    ObjectNode plan = MAPPER.valueToTree(latest.direction());
    plan.properties().forEach(e -> o.set(e.getKey(), e.getValue()));
    p.estimate().ifPresent(e -> o.set("estimatedCost", MAPPER.valueToTree(e)));
    ArrayNode warnings = o.putArray("warnings");
    latest.warnings().forEach(warnings::add);
    ArrayNode versions = o.putArray("versions");
    for (DirectionResult r : h.versions()) {
      ObjectNode v = versions.addObject();
      v.put("version", r.version());
      v.put("title", r.direction().title());
      v.put("totalDuration", r.direction().totalDuration());
      r.feedback().ifPresent(f -> v.put("feedback", f));
      v.put("createdAt", r.createdAt().toString());
    }
    return o;
  }

  /** Estimated vs actual: the plan's estimate, what was paid call by call, what animating would add. */
  static ObjectNode cost(ProjectCost cost) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("projectId", cost.projectId());
    o.put("currency", "USD");
    cost.estimated().ifPresentOrElse(e -> o.set("estimated", MAPPER.valueToTree(e)), () -> o.putNull("estimated"));
    ObjectNode actual = Wire.cost(cost.entries());
    actual.remove("currency");
    Map<ProviderKind, Money> byKind = new EnumMap<>(ProviderKind.class);
    for (CostEntry e : cost.entries()) {
      byKind.merge(e.kind(), e.amount(), Money::plus);
    }
    for (ProviderKind k : ProviderKind.values()) {
      actual.set(k == ProviderKind.IMAGE ? "images" : k == ProviderKind.VIDEO ? "videos" : "llm",
          MAPPER.valueToTree(byKind.getOrDefault(k, Money.ZERO)));
    }
    o.set("actual", actual);
    cost.toAnimate().ifPresent(m -> o.set("toAnimate", MAPPER.valueToTree(m)));
    cost.remaining().ifPresent(m -> o.set("remaining", MAPPER.valueToTree(m)));
    return o;
  }

  private ObjectNode started(Project p, WorkflowHandle h, String message) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("projectId", p.id());
    o.put("workflowId", h.id());
    o.put("status", status(p.status()));
    o.put("message", message);
    ObjectNode links = o.putObject("links");
    links.put("project", BASE + "/" + p.id());
    links.put("events", BASE + "/" + p.id() + "/events");
    links.put("workflow", GatewayApi.BASE + "/" + h.id());
    links.put("cost", BASE + "/" + p.id() + "/cost");
    return o;
  }
}
