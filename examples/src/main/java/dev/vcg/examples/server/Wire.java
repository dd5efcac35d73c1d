package dev.vcg.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.GenerationMode;
import dev.vcg.InputAsset;
import dev.vcg.PlanResult;
import dev.vcg.Quality;
import dev.vcg.cost.CostEntry;
import dev.vcg.cost.Money;
import dev.vcg.direction.VideoDirection;
import dev.vcg.direction.VideoStyle;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import dev.vcg.workflow.Decision;
import dev.vcg.workflow.Suspension;
import dev.vcg.workflow.WorkflowEvent;
import dev.vcg.workflows.generation.GenerationResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON shapes of the HTTP API, in one place: requests read into the library's types, and the
 * library's responses and events written as the seed's REST shapes. Media are accepted by URL or
 * as base64 data, never as a path on the server; a response names local files only by path.
 */
final class Wire {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final Set<String> INPUT_TYPES = Set.of("text", "assets", "url", "multimodal");
  /** Where the clarification questions' full typed form is kept in a suspension's attributes. */
  static final String QUESTIONS = "questions";
  /** Where the problems of rejected answers are kept in a suspension's attributes. */
  static final String PROBLEMS = "problems";

  private Wire() {
  }

  // ------------------------------------------------------------------ requests

  /** A create request and whether it asked to return at once. */
  record CreateRequest(GatewayRequest request, boolean async) {
  }

  /**
   * Reads {@code {"input": {...}, "options": {...}, "workflowId"?}}.
   *
   * @param body the request body
   * @return the request
   * @throws HttpFailure 400 naming the field at fault
   */
  static CreateRequest createRequest(ObjectNode body) {
    JsonNode in = body.get("input");
    if (in == null || !in.isObject()) {
      throw HttpFailure.badRequest("input is required: {\"input\": {\"prompt\": \"a video about ...\"}, "
          + "\"options\": {...}}");
    }
    JsonNode opts = body.path("options");
    if (!opts.isMissingNode() && !opts.isNull() && !opts.isObject()) {
      throw HttpFailure.badRequest("options must be an object");
    }
    try {
      GatewayRequest.Builder b = GatewayRequest.builder().input(input((ObjectNode) in));
      boolean async = false;
      if (opts.isObject()) {
        b.options(options((ObjectNode) opts));
        async = bool(opts, "async", false);
      }
      text(body, "workflowId").ifPresent(b::workflowId);
      text(body, "userId").ifPresent(b::userId);
      return new CreateRequest(b.build(), async);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new HttpFailure(400, "invalid_input", Call.abbreviate(e.getMessage()));
    }
  }

  private static GatewayInput input(ObjectNode in) {
    text(in, "type").ifPresent(t -> {
      if (!INPUT_TYPES.contains(t.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("input.type must be one of " + INPUT_TYPES + ", got '"
            + Call.abbreviate(t) + "'");
      }
    });
    GatewayInput.Builder b = GatewayInput.builder();
    text(in, "prompt").ifPresent(b::prompt);
    text(in, "url").ifPresent(u -> b.url(uri(u, "input.url")));
    JsonNode assets = in.path("assets");
    if (!assets.isMissingNode() && !assets.isNull()) {
      if (!assets.isArray()) {
        throw new IllegalArgumentException("input.assets must be an array");
      }
      int i = 0;
      for (JsonNode a : assets) {
        b.addAsset(asset(a, "input.assets[" + i++ + "]"));
      }
    }
    text(in, "goal").ifPresent(b::goal);
    integer(in, "durationSeconds").or(() -> integer(in, "duration")).ifPresent(b::durationSeconds);
    text(in, "style").ifPresent(s -> b.style(VideoStyle.parse(s)));
    text(in, "aspectRatio").ifPresent(a -> b.aspectRatio(AspectRatio.of(a)));
    JsonNode ref = in.path("referenceVideo");
    if (ref.isTextual()) {
      b.referenceVideo(MediaRef.url(uri(ref.asText(), "input.referenceVideo")));
    } else if (ref.isObject() && ref.has("scenes")) {
      b.referenceDirection(direction(ref, "input.referenceVideo"));
    } else if (ref.isObject()) {
      b.referenceVideo(media(ref, "input.referenceVideo"));
    }
    JsonNode template = in.path("referenceDirection");
    if (template.isObject()) {
      b.referenceDirection(direction(template, "input.referenceDirection"));
    }
    JsonNode context = in.path("context");
    if (context.isObject()) {
      context.properties().forEach(e -> b.context(e.getKey(), scalar(e.getValue(), "input.context." + e.getKey())));
    }
    return b.build();
  }

  private static GatewayOptions options(ObjectNode o) {
    if (o.has("output")) {
      throw new IllegalArgumentException("options.output is not accepted over HTTP: videos are kept in the "
          + "server's asset directory and named in the response");
    }
    GatewayOptions.Builder b = GatewayOptions.builder()
        .interactive(bool(o, "interactive", false))
        .includeAssetGeneration(bool(o, "includeAssetGeneration", false))
        .render(bool(o, "render", false))
        .reviewFrames(bool(o, "reviewFrames", false));
    text(o, "quality").ifPresent(q -> b.quality(Quality.parse(q)));
    text(o, "mode").ifPresent(m -> b.mode(GenerationMode.parse(m)));
    money(o, "maxCost").ifPresent(b::maxCost);
    JsonNode seed = o.path("seed");
    if (seed.isIntegralNumber()) {
      b.seed(seed.asLong());
    } else if (!seed.isMissingNode() && !seed.isNull()) {
      throw new IllegalArgumentException("options.seed must be a whole number");
    }
    return b.build();
  }

  /**
   * Reads an asset: {@code {"url": "https://…", "role": "logo", "name": "logo.png"}} or
   * {@code {"data": "<base64>", "mimeType": "image/png", "role": "image"}}.
   */
  private static InputAsset asset(JsonNode a, String field) {
    if (!a.isObject()) {
      throw new IllegalArgumentException(field + " must be an object with url or data");
    }
    String role = text(a, "role").orElseGet(() -> text(a, "type").filter(t -> !t.equalsIgnoreCase("url")
        && !t.equalsIgnoreCase("bytes")).orElse(null));
    return new InputAsset(media(a, field), role, text(a, "name").orElse(null));
  }

  /** Reads a media reference given by URL or base64 data; a path on the server is refused. */
  static MediaRef media(JsonNode m, String field) {
    if (m.has("path") || text(m, "type").filter(t -> t.equalsIgnoreCase("file")).isPresent()) {
      throw new IllegalArgumentException(field + ": files on the server cannot be named over HTTP; send a url "
          + "or base64 data");
    }
    String mime = text(m, "mimeType").orElse(null);
    Optional<String> url = text(m, "url").or(() -> text(m, "uri"));
    if (url.isPresent()) {
      return new MediaRef.Url(uri(url.get(), field + ".url"), mime);
    }
    Optional<String> data = text(m, "data");
    if (data.isPresent()) {
      try {
        return MediaRef.bytes(Base64.getDecoder().decode(data.get().strip()), mime);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(field + ".data is not base64");
      }
    }
    throw new IllegalArgumentException(field + " needs a url or base64 data");
  }

  private static VideoDirection direction(JsonNode node, String field) {
    try {
      return MAPPER.treeToValue(node, VideoDirection.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not a valid video plan (title, narrative, totalDuration, "
          + "scenes with shots)");
    }
  }

  /**
   * Reads the answers of a continue request: an object of question id to answer; numbers and
   * booleans are taken as their text.
   *
   * @param body the request body
   * @return the answers
   * @throws HttpFailure 400 if not an object of scalars
   */
  static Map<String, String> answers(ObjectNode body) {
    JsonNode a = body.path("answers");
    if (a.isMissingNode() || a.isNull()) {
      return Map.of();
    }
    if (!a.isObject()) {
      throw HttpFailure.badRequest("answers must be an object of question id to answer, e.g. "
          + "{\"industry\": \"SaaS\"}");
    }
    Map<String, String> out = new LinkedHashMap<>();
    try {
      a.properties().forEach(e -> out.put(e.getKey(), scalar(e.getValue(), "answers." + e.getKey())));
    } catch (IllegalArgumentException e) {
      throw new HttpFailure(400, "invalid_input", e.getMessage());
    }
    return out;
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return Optional.of(v.asText());
  }

  static boolean bool(JsonNode node, String field, boolean otherwise) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return otherwise;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(field + " must be true or false");
    }
    return v.asBoolean();
  }

  static Optional<Integer> integer(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble()) || !v.canConvertToInt()) {
      throw new IllegalArgumentException(field + " must be a whole number");
    }
    return Optional.of(v.asInt());
  }

  static Optional<Double> number(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number");
    }
    return Optional.of(v.asDouble());
  }

  static Optional<Money> money(JsonNode node, String field) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return Optional.empty();
    }
    if (v.isNumber()) {
      return Optional.of(Money.of(v.decimalValue()));
    }
    if (v.isTextual()) {
      return Optional.of(Money.usd(v.asText().replace("$", "")));
    }
    throw new IllegalArgumentException(field + " must be an amount in USD, e.g. 2.50");
  }

  private static String scalar(JsonNode v, String field) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    throw new IllegalArgumentException(field + " must be a string, number or boolean");
  }

  private static URI uri(String text, String field) {
    try {
      URI u = new URI(text.strip());
      if (!u.isAbsolute()) {
        throw new IllegalArgumentException(field + " must be an absolute URL");
      }
      return u;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(field + " is not a valid URL");
    }
  }

  // ------------------------------------------------------------------ responses

  /**
   * The seed's response shapes: {@code success} (plan, metadata, assets, cost, and the video when
   * one was made), {@code clarification_needed} (message, typed questions) or {@code failed}
   * (without the error object, which {@link Call#fail} adds).
   *
   * @param r the gateway's response
   * @return the JSON
   */
  static ObjectNode response(GatewayResponse r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("status", r.status().wireName());
    o.put("workflowId", r.workflowId());
    if (r instanceof GatewayResponse.Completed c) {
      completed(o, c);
    } else if (r instanceof GatewayResponse.ClarificationNeeded q) {
      clarification(o, q);
    } else if (r instanceof GatewayResponse.Failed f) {
      o.put("retryable", f.retryable());
    }
    o.set("cost", cost(r.costs()));
    o.set("decisions", decisions(r.decisions()));
    return o;
  }

  private static void completed(ObjectNode o, GatewayResponse.Completed c) {
    o.put("workflowType", c.workflowType().name());
    c.direction().ifPresent(d -> o.set("videoPlan", MAPPER.valueToTree(d)));
    ObjectNode meta = o.putObject("metadata");
    c.metadata().forEach((k, v) -> {
      switch (k) {
        case "stepsExecuted" -> putNumber(meta, k, v, true);
        case "confidence" -> putNumber(meta, k, v, false);
        default -> meta.put(k, v);
      }
    });
    meta.put("executionTime", String.format(Locale.ROOT, "%.1fs", c.executionTime().toMillis() / 1000.0));
    meta.put("executionMillis", c.executionTime().toMillis());
    ArrayNode assets = o.putArray("assets");
    ArrayNode warnings = o.putArray("warnings");
    c.plan().ifPresent(p -> {
      o.put("confidence", p.confidence());
      o.put("planVersion", p.direction().version());
      o.put("planSource", p.direction().source().name().toLowerCase(Locale.ROOT));
      for (PlanResult.PlanAsset a : p.assets()) {
        ObjectNode n = media(a.media());
        n.put("id", a.id());
        n.put("origin", a.generated() ? "generated" : "uploaded");
        assets.add(n);
      }
      p.direction().warnings().forEach(warnings::add);
      p.warnings().forEach(warnings::add);
    });
    c.video().ifPresent(v -> {
      o.set("video", video(v));
      v.warnings().forEach(warnings::add);
    });
  }

  private static void putNumber(ObjectNode o, String k, String v, boolean integral) {
    try {
      if (integral) {
        o.put(k, Integer.parseInt(v));
      } else {
        o.put(k, Double.parseDouble(v));
      }
    } catch (NumberFormatException e) {
      o.put(k, v);
    }
  }

  /**
   * @param v a finished video
   * @return its file, length, thumbnail and segments
   */
  static ObjectNode video(GenerationResult v) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("path", v.video().toString());
    n.put("durationSeconds", v.duration().toMillis() / 1000.0);
    v.thumbnail().ifPresent(t -> n.put("thumbnail", t.toString()));
    n.put("segments", v.segments().size());
    n.put("workflow", v.workflow());
    n.set("cost", MAPPER.valueToTree(v.totalCost()));
    return n;
  }

  private static void clarification(ObjectNode o, GatewayResponse.ClarificationNeeded q) {
    o.put("message", q.message());
    o.set("questions", questions(q.questions(), q.attributes()));
    List<String> problems = problems(q.attributes());
    if (!problems.isEmpty()) {
      ArrayNode p = o.putArray("problems");
      problems.forEach(p::add);
    }
    if (q.isFrameReview()) {
      o.put("frameReview", true);
    }
    ObjectNode attributes = MAPPER.createObjectNode();
    q.attributes().forEach((k, v) -> {
      if (!k.equals(QUESTIONS) && !k.equals(PROBLEMS)) {
        attributes.put(k, v);
      }
    });
    if (!attributes.isEmpty()) {
      o.set("attributes", attributes);
    }
  }

  /**
   * The typed questions (id, question, type, options, required) from the suspension's
   * attributes when the workflow left them there, else made from the plain questions.
   */
  static ArrayNode questions(List<Suspension.Question> asked, Map<String, String> attributes) {
    String typed = attributes.get(QUESTIONS);
    if (typed != null) {
      try {
        JsonNode n = MAPPER.readTree(typed);
        if (n.isArray()) {
          return (ArrayNode) n;
        }
      } catch (JsonProcessingException e) {
        // fall back to the plain questions
      }
    }
    ArrayNode out = MAPPER.createArrayNode();
    for (Suspension.Question q : asked) {
      ObjectNode n = out.addObject();
      n.put("id", q.id());
      n.put("question", q.text());
      boolean yesNo = q.choices().size() == 2 && q.choices().stream().allMatch(c -> c.equalsIgnoreCase("yes")
          || c.equalsIgnoreCase("no"));
      n.put("type", q.choices().isEmpty() ? "text" : yesNo ? "boolean" : "select");
      if (!q.choices().isEmpty() && !yesNo) {
        ArrayNode opts = n.putArray("options");
        q.choices().forEach(opts::add);
      }
      n.put("required", true);
    }
    return out;
  }

  /** @return the problems of rejected answers a suspension carries, one per line; empty if none */
  static List<String> problems(Map<String, String> attributes) {
    String p = attributes.get(PROBLEMS);
    if (p == null || p.isBlank()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String line : p.split("\n")) {
      if (!line.isBlank()) {
        out.add(line.strip());
      }
    }
    return out;
  }

  /**
   * @param entries calls paid, in order
   * @return {@code {"total", "currency", "entries": [...]}}
   */
  static ObjectNode cost(List<CostEntry> entries) {
    ObjectNode n = MAPPER.createObjectNode();
    Money total = Money.ZERO;
    ArrayNode list = MAPPER.createArrayNode();
    for (CostEntry e : entries) {
      total = total.plus(e.amount());
      ObjectNode x = list.addObject();
      x.put("provider", e.providerId());
      x.put("model", e.model());
      x.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
      x.set("amount", MAPPER.valueToTree(e.amount()));
      x.put("actual", e.actual());
      x.put("label", e.label());
      x.put("at", e.at().toString());
    }
    n.set("total", MAPPER.valueToTree(total));
    n.put("currency", "USD");
    n.set("entries", list);
    return n;
  }

  private static ArrayNode decisions(List<Decision> decisions) {
    ArrayNode out = MAPPER.createArrayNode();
    for (Decision d : decisions) {
      ObjectNode n = out.addObject();
      if (!d.step().isEmpty()) {
        n.put("step", d.step());
      }
      n.put("what", d.what());
      n.put("why", d.why());
      n.put("at", d.at().toString());
    }
    return out;
  }

  /**
   * @param m a media reference
   * @return {@code {"url"}} for remote media, {@code {"path"}} for a file on the server,
   *     {@code {"mimeType", "bytes"}} for data held in memory
   */
  static ObjectNode media(MediaRef m) {
    ObjectNode n = MAPPER.createObjectNode();
    if (m instanceof MediaRef.Url u) {
      n.put("url", u.uri().toString());
    } else if (m instanceof MediaRef.File f) {
      n.put("path", f.path().toString());
    } else if (m instanceof MediaRef.Bytes b) {
      n.put("bytes", b.data().length);
    }
    m.contentType().ifPresent(t -> n.put("mimeType", t));
    return n;
  }

  // ------------------------------------------------------------------ events

  /**
   * A workflow event as a {@code progress} message: step, progress fraction, message, and the
   * kind of event ({@code step_started}, {@code cost_incurred}, …).
   *
   * @param workflowId the workflow the stream follows
   * @param e the event (not a terminal one)
   * @return the JSON
   */
  static ObjectNode progress(String workflowId, WorkflowEvent e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", "progress");
    n.put("workflowId", workflowId);
    n.put("progress", e.progress());
    n.put("at", e.at().toString());
    if (e instanceof WorkflowEvent.RunStarted s) {
      kind(n, "run_started", null, "started " + s.workflow() + (s.resumed() ? " (resumed)" : ""));
    } else if (e instanceof WorkflowEvent.StepStarted s) {
      kind(n, "step_started", s.step(), s.step() + " started" + (s.attempt() > 1 ? " (attempt " + s.attempt() + ")" : ""));
    } else if (e instanceof WorkflowEvent.StepProgress s) {
      kind(n, "step_progress", s.step(), s.message().isBlank()
          ? s.step() + " " + Math.round(s.stepProgress() * 100) + "%" : s.message());
      n.put("stepProgress", s.stepProgress());
    } else if (e instanceof WorkflowEvent.StepRetrying s) {
      kind(n, "step_retrying", s.step(), s.step() + " failed (" + s.errorKind() + "); trying again in "
          + s.delay().toMillis() + " ms: " + s.message());
    } else if (e instanceof WorkflowEvent.StepCompleted s) {
      kind(n, "step_completed", s.step(), s.step() + " done");
    } else if (e instanceof WorkflowEvent.StepSkipped s) {
      kind(n, "step_skipped", s.step(), s.step() + " skipped");
    } else if (e instanceof WorkflowEvent.StepFailed s) {
      kind(n, "step_failed", s.step(), s.step() + " failed (" + s.errorKind() + ")" + (s.optional()
          ? "; going on without it" : "") + ": " + s.message());
    } else if (e instanceof WorkflowEvent.JobSubmitted s) {
      kind(n, "job_submitted", s.step(), "submitted " + s.job());
    } else if (e instanceof WorkflowEvent.CostIncurred s) {
      kind(n, "cost_incurred", null, "spent " + s.entry().amount() + " on " + s.entry().label() + " ("
          + s.entry().providerId() + ")");
      n.set("amount", MAPPER.valueToTree(s.entry().amount()));
    } else if (e instanceof WorkflowEvent.AssetReady s) {
      kind(n, "asset_ready", s.step(), s.label() + " ready");
      ObjectNode asset = media(s.media());
      asset.put("label", s.label());
      n.set("asset", asset);
    } else {
      kind(n, e.getClass().getSimpleName().toLowerCase(Locale.ROOT), null, "");
    }
    return n;
  }

  private static void kind(ObjectNode n, String kind, String step, String message) {
    n.put("kind", kind);
    if (step != null) {
      n.put("step", step);
    }
    n.put("message", message);
  }

  /**
   * @param r how the workflow ended
   * @return the SSE event name: {@code complete}, {@code clarification_needed} or {@code failed}
   */
  static String terminalEvent(GatewayResponse r) {
    return switch (r.status()) {
      case SUCCESS -> "complete";
      case CLARIFICATION_NEEDED -> "clarification_needed";
      case FAILED -> "failed";
    };
  }

  /**
   * @param r how the workflow ended
   * @return the terminal event's data: the response, with {@code type} and, for a failure, the error
   */
  static ObjectNode terminal(GatewayResponse r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("type", terminalEvent(r));
    ObjectNode body = response(r);
    body.properties().forEach(e -> n.set(e.getKey(), e.getValue()));
    if (r instanceof GatewayResponse.Failed f) {
      ApiError error = ApiError.of(f.error());
      ObjectNode err = n.putObject("error");
      err.put("type", error.type());
      err.put("message", error.message());
      err.put("status", error.status());
    }
    return n;
  }
}
