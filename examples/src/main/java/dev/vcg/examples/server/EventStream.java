package dev.vcg.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.vcg.GatewayResponse;
import dev.vcg.WorkflowHandle;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.WorkflowEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A workflow's progress as Server-Sent Events ({@code text/event-stream}):
 * <pre>
 * id: 3
 * event: progress
 * data: {"type":"progress","workflowId":"…","kind":"step_completed","step":"generate_plan","progress":0.8,"message":"…"}
 *
 * : heartbeat
 *
 * id: 9
 * event: complete
 * data: {"type":"complete","status":"success","workflowId":"…","videoPlan":{…},…}
 * </pre>
 * A late subscriber is sent every event from the first; {@code Last-Event-ID} skips those it has
 * seen. A comment line is sent when nothing happened for the heartbeat interval. The stream
 * ends after the terminal event ({@code complete}, {@code failed} or
 * {@code clarification_needed}); a workflow this server no longer follows gets one
 * {@code status} event; a stopping server sends {@code closed}.
 */
final class EventStream {
  private static final Object END = new Object();

  private final Call call;
  private final ServerContext server;
  private final String workflowId;
  private OutputStream out;
  private long sequence;

  private EventStream(Call call, ServerContext server, String workflowId) {
    this.call = call;
    this.server = server;
    this.workflowId = workflowId;
  }

  /**
   * Streams the events of a workflow until it ends, the client leaves or the server stops.
   *
   * @param call the GET call
   * @param server the server
   * @param workflowId the workflow
   * @throws HttpFailure 404 if the workflow is unknown, 503 if too many streams are open
   */
  static void serve(Call call, ServerContext server, String workflowId) {
    new EventStream(call, server, workflowId).run();
  }

  private void run() {
    Optional<WorkflowHandle> handle = server.gateway().handle(workflowId);
    Optional<RunStatus> status = handle.isPresent() ? Optional.empty() : server.gateway().status(workflowId);
    if (handle.isEmpty() && status.isEmpty()) {
      throw HttpFailure.notFound("There is no workflow '" + workflowId + "'. Start one with POST "
          + "/api/gateway/video/create.");
    }
    if (!server.streamPermits().tryAcquire()) {
      throw new HttpFailure(503, "too_many_streams", "Too many event streams are open; close one or poll "
          + "GET /api/gateway/video/" + workflowId + " instead.");
    }
    try {
      open();
      if (handle.isEmpty()) {
        ObjectNode n = server.mapper().createObjectNode();
        n.put("type", "status");
        n.put("workflowId", workflowId);
        n.put("status", status.get().name().toLowerCase(Locale.ROOT));
        n.put("message", "this server does not follow the workflow's events; its status is " + n.get("status").asText());
        send("status", n);
        return;
      }
      follow(handle.get());
    } catch (IOException e) {
      server.log().debug("event stream of {} ended: the client left ({})", workflowId, e.toString());
    } finally {
      server.streamPermits().release();
    }
  }

  private void open() throws IOException {
    HttpExchange ex = call.exchange();
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Accel-Buffering", "no");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    call.streaming(200);
    ex.sendResponseHeaders(200, 0);
    out = ex.getResponseBody();
    write("retry: 2000\n: events of workflow " + workflowId + "\n\n");
  }

  private void follow(WorkflowHandle handle) throws IOException {
    long skip = lastEventId();
    BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    if (!server.openStreams().open(queue)) {
      sendClosed();
      return;
    }
    try {
      handle.events().subscribe(new Flow.Subscriber<WorkflowEvent>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription.set(s);
          s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(WorkflowEvent item) {
          queue.add(item);
        }

        @Override
        public void onError(Throwable t) {
          queue.add(END);
        }

        @Override
        public void onComplete() {
          queue.add(END);
        }
      });
      long heartbeat = server.heartbeat().toNanos();
      while (true) {
        Object item;
        try {
          item = queue.poll(heartbeat, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          sendClosed();
          return;
        }
        if (item == null) {
          write(": heartbeat\n\n");
        } else if (item == EventStreams.STOP) {
          sendClosed();
          return;
        } else if (item == END) {
          break;
        } else if (item instanceof WorkflowEvent e && !e.isTerminal()) {
          sequence++;
          if (sequence > skip) {
            send("progress", Wire.progress(workflowId, e));
          }
        }
      }
      GatewayResponse r = result(handle);
      sequence++;
      if (r != null) {
        send(Wire.terminalEvent(r), Wire.terminal(r));
      }
    } finally {
      server.openStreams().close(queue);
      Flow.Subscription s = subscription.get();
      if (s != null) {
        s.cancel();
      }
    }
  }

  /** The handle's response: its events end just before its result is set. */
  private GatewayResponse result(WorkflowHandle handle) throws IOException {
    try {
      return handle.result().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendClosed();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      ObjectNode n = server.mapper().createObjectNode();
      n.put("type", "failed");
      n.put("workflowId", workflowId);
      n.putObject("error").put("type", "internal_error").put("message", "the workflow's result is not available");
      send("failed", n);
      return null;
    }
  }

  private long lastEventId() {
    String last = call.exchange().getRequestHeaders().getFirst("Last-Event-ID");
    if (last == null) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(last.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void sendClosed() throws IOException {
    ObjectNode n = server.mapper().createObjectNode();
    n.put("type", "closed");
    n.put("workflowId", workflowId);
    n.put("message", "the server is stopping; the workflow is kept: ask for its status or continue it later");
    send("closed", n);
  }

  private void send(String event, ObjectNode data) throws IOException {
    String json;
    try {
      json = server.mapper().writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event could not be written as JSON", e);
    }
    StringBuilder b = new StringBuilder();
    if (sequence > 0) {
      b.append("id: ").append(sequence).append('\n');
    }
    b.append("event: ").append(event).append('\n');
    // The mapper writes one line; a line break inside a string is escaped as \n.
    b.append("data: ").append(server.secrets().scrub(json)).append("\n\n");
    write(b.toString());
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
