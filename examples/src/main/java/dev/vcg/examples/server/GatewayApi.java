package dev.vcg.examples.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcg.GatewayResponse;
import dev.vcg.WorkflowHandle;
import dev.vcg.workflow.RunStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The seed's gateway endpoints:
 * <ul>
 *   <li>{@code POST /api/gateway/video/create} — plan (and optionally render) a video; waits for
 *       the response, or with {@code options.async} answers {@code 202} with the workflow id;</li>
 *   <li>{@code POST /api/gateway/video/continue} — answer a workflow's questions;</li>
 *   <li>{@code GET /api/gateway/video/{workflowId}} — where a workflow stands;</li>
 *   <li>{@code GET /api/gateway/video/{workflowId}/events} — its progress as Server-Sent Events;</li>
 *   <li>{@code GET /api/gateway/analytics} — statistics per workflow type (requests, success
 *       rate, step latency p50/p95, error kinds, degraded runs, cache hits, spend).</li>
 * </ul>
 */
final class GatewayApi {
  static final String BASE = "/api/gateway/video";
  static final String ANALYTICS = "/api/gateway/analytics";

  private final ServerContext server;

  GatewayApi(ServerContext server) {
    this.server = server;
  }

  void register(Router router) {
    router.add("POST", BASE + "/create", this::create)
        .add("POST", BASE + "/continue", this::continueWorkflow)
        .add("GET", BASE + "/{workflowId}", this::status)
        .add("GET", BASE + "/{workflowId}/events", c -> EventStream.serve(c, server, c.param(0)))
        .add("GET", ANALYTICS, this::analytics);
  }

  /** Statistics per workflow type, from {@link dev.vcg.VideoCreationGateway#analytics()}. */
  private void analytics(Call c) {
    ObjectNode o = server.mapper().createObjectNode();
    ObjectNode workflows = o.putObject("workflows");
    server.gateway().analytics().workflows().forEach((name, w) -> {
      ObjectNode n = workflows.putObject(name);
      n.put("requests", w.requests());
      n.put("resumed", w.resumed());
      n.put("completed", w.completed());
      n.put("failed", w.failed());
      n.put("suspended", w.suspended());
      n.put("cancelled", w.cancelled());
      n.put("successRate", w.successRate());
      n.put("stepLatencyP50Ms", w.stepLatencyP50().toNanos() / 1e6);
      n.put("stepLatencyP95Ms", w.stepLatencyP95().toNanos() / 1e6);
      ObjectNode errors = n.putObject("errorKinds");
      w.errorKinds().forEach(errors::put);
      n.put("degraded", w.degraded());
      n.put("cacheHits", w.cacheHits());
      n.put("spendUsd", w.spendUsd().toPlainString());
      ObjectNode steps = n.putObject("steps");
      w.steps().forEach((step, st) -> {
        ObjectNode sn = steps.putObject(step);
        sn.put("completed", st.completed());
        sn.put("failed", st.failed());
        sn.put("skipped", st.skipped());
        sn.put("latencyP50Ms", st.latencyP50().toNanos() / 1e6);
        sn.put("latencyP95Ms", st.latencyP95().toNanos() / 1e6);
      });
    });
    c.respond(200, o);
  }

  private void create(Call c) {
    Wire.CreateRequest req = Wire.createRequest(c.json());
    WorkflowHandle handle = server.gateway().submit(req.request());
    if (req.async()) {
      c.respond(202, accepted(handle.id(), "running"));
      return;
    }
    answer(c, handle);
  }

  private void continueWorkflow(Call c) {
    ObjectNode body = c.json();
    String id;
    try {
      id = Wire.text(body, "workflowId").orElseThrow(() -> HttpFailure.badRequest(
          "workflowId is required: {\"workflowId\": \"…\", \"answers\": {…}}"));
    } catch (IllegalArgumentException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
    Map<String, String> answers = Wire.answers(body);
    boolean async;
    try {
      async = Wire.bool(body, "async", false);
    } catch (IllegalArgumentException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
    RunStatus status = server.gateway().status(id).orElseThrow(() -> unknown(id));
    if (status == RunStatus.RUNNING) {
      throw HttpFailure.conflict("Workflow '" + id + "' is running; wait for it to ask or end (follow "
          + BASE + "/" + id + "/events).");
    }
    if (status == RunStatus.COMPLETED) {
      throw HttpFailure.conflict("Workflow '" + id + "' has completed; there is nothing to continue.");
    }
    WorkflowHandle handle = server.gateway().continueWorkflowAsync(id, answers);
    if (async) {
      c.respond(202, accepted(handle.id(), "running"));
      return;
    }
    answer(c, handle);
  }

  private void status(Call c) {
    String id = c.param(0);
    RunStatus status = server.gateway().status(id).orElseThrow(() -> unknown(id));
    ObjectNode o = server.mapper().createObjectNode();
    o.put("workflowId", id);
    o.put("status", status.name().toLowerCase(Locale.ROOT));
    Optional<WorkflowHandle> handle = server.gateway().handle(id);
    handle.ifPresent(h -> o.put("progress", h.progress()));
    handle.filter(h -> h.result().isDone()).ifPresent(h -> o.set("result", Wire.response(h.result().join())));
    links(o, id);
    c.respond(200, o);
  }

  /** Waits for a workflow's response (up to the sync timeout) and sends it. */
  private void answer(Call c, WorkflowHandle handle) {
    GatewayResponse r;
    try {
      r = handle.result().get(server.syncTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      ObjectNode o = accepted(handle.id(), "running");
      o.put("message", "still running after " + server.syncTimeout().toSeconds() + " s; follow its events or ask "
          + "for its status");
      c.respond(202, o);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpFailure(503, "unavailable", "The server is stopping; workflow '" + handle.id()
          + "' is kept: ask for its status later.");
    } catch (ExecutionException e) {
      throw new IllegalStateException("workflow " + handle.id() + " ended abnormally", e.getCause());
    }
    respond(c, r);
  }

  /**
   * Sends a workflow's response: 200 for success or questions; for answers that were rejected,
   * 400 with the problems (the workflow still waits); for a failure, the error's status.
   */
  static void respond(Call c, GatewayResponse r) {
    ObjectNode body = Wire.response(r);
    if (r instanceof GatewayResponse.ClarificationNeeded q) {
      List<String> problems = Wire.problems(q.attributes());
      if (!problems.isEmpty()) {
        body.remove("problems");
        c.fail(new ApiError(400, "invalid_answers", q.message(), Map.of("problems", problems), null), body);
        return;
      }
    }
    if (r instanceof GatewayResponse.Failed f) {
      c.fail(ApiError.of(f.error()), body);
      return;
    }
    c.respond(200, body);
  }

  private ObjectNode accepted(String id, String status) {
    ObjectNode o = server.mapper().createObjectNode();
    o.put("status", status);
    o.put("workflowId", id);
    links(o, id);
    return o;
  }

  private static void links(ObjectNode o, String id) {
    ObjectNode links = o.putObject("links");
    links.put("status", BASE + "/" + id);
    links.put("events", BASE + "/" + id + "/events");
  }

  private static HttpFailure unknown(String id) {
    return HttpFailure.notFound("There is no workflow '" + id + "'. Start one with POST " + BASE + "/create.");
  }
}
