package dev.vcg.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vcg.examples.server.TestServer.Event;
import dev.vcg.examples.server.TestServer.EventLog;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress stream of a workflow that renders a video: heartbeats, order, the end, a stopping server. */
class EventStreamTest {
  private static final String RENDER = "{\"input\": {\"prompt\": \"a lighthouse at dawn, waves crashing\", "
      + "\"durationSeconds\": 2, \"aspectRatio\": \"16:9\"}, \"options\": {\"quality\": \"draft\", \"render\": true, "
      + "\"async\": true}}";

  @TempDir
  Path dir;

  @Test
  void aQuietWorkflowGetsHeartbeatsAndTheStreamEndsWithTheVideo() {
    GatedImageProvider images = new GatedImageProvider();
    try (TestServer s = TestServer.start(dir, Map.of(), g -> g.imageProvider(images),
        b -> b.heartbeat(Duration.ofMillis(50)))) {
      String id = s.post("/api/gateway/video/create", RENDER).json().path("workflowId").asText();

      // The frames wait at the gate until the stream has shown a heartbeat.
      EventLog log = s.events("/api/gateway/video/" + id + "/events", l -> {
        if (l.comments.contains("heartbeat")) {
          images.open();
        }
        return false;
      });

      assertThat(log.comments).contains("heartbeat");
      Event last = log.last();
      assertThat(last.event()).as(log.raw.toString()).isEqualTo("complete");
      JsonNode video = last.json().path("video");
      assertThat(Path.of(video.path("path").asText())).isRegularFile();
      assertThat(video.path("durationSeconds").asDouble()).isBetween(1.5, 3.0);
      assertThat(video.path("segments").asInt()).isPositive();
      List<Event> progress = log.events.subList(0, log.events.size() - 1);
      assertThat(progress).extracting(Event::event).containsOnly("progress");
      assertThat(progress).anySatisfy(e -> assertThat(e.json().path("kind").asText()).isEqualTo("asset_ready"));
      List<Double> fractions = progress.stream().map(e -> e.json().path("progress").asDouble()).toList();
      for (int i = 1; i < fractions.size(); i++) {
        assertThat(fractions.get(i)).as("progress at event %d of %s", i, fractions)
            .isGreaterThanOrEqualTo(fractions.get(i - 1));
      }
      assertThat(fractions.get(fractions.size() - 1)).isGreaterThan(0.5);
      assertThat(last.json().path("metadata").path("stepsExecuted").asInt()).isPositive();

      // The status shows the result too.
      assertThat(s.get("/api/gateway/video/" + id).json().path("status").asText()).isEqualTo("completed");
    }
  }

  @Test
  void stoppingTheServerEndsOpenStreamsWithClosedAndRefusesNewConnections() throws Exception {
    GatedImageProvider images = new GatedImageProvider();
    TestServer s = TestServer.start(dir, Map.of(), g -> g.imageProvider(images), b -> b.stopGrace(Duration.ofSeconds(5)));
    try {
      String id = s.post("/api/gateway/video/create", RENDER).json().path("workflowId").asText();
      CountDownLatch streaming = new CountDownLatch(1);
      CompletableFuture<EventLog> stream = CompletableFuture.supplyAsync(() ->
          s.events("/api/gateway/video/" + id + "/events", l -> {
            if (!l.events.isEmpty()) {
              streaming.countDown();
            }
            return false;
          }));
      assertThat(images.awaitFirstRequest()).isTrue();
      assertThat(streaming.await(60, TimeUnit.SECONDS)).isTrue();

      s.server.stop();

      EventLog log = stream.get(60, TimeUnit.SECONDS);
      assertThat(log.last().event()).isEqualTo("closed");
      assertThat(log.last().json().path("message").asText()).contains("server is stopping");
      assertThatThrownBy(() -> s.get("/api/gateway/video/" + id)).isInstanceOf(UncheckedIOException.class);
      // The workflow itself goes on in the gateway.
      assertThat(s.gateway.handle(id).orElseThrow().result().isDone()).isFalse();
      assertThat(s.gateway.status(id)).contains(dev.vcg.workflow.RunStatus.RUNNING);
      s.gateway.handle(id).orElseThrow().cancel();
      images.open();
      assertThat(s.gateway.handle(id).orElseThrow().result().get(60, TimeUnit.SECONDS).status().wireName())
          .isEqualTo("failed");
    } finally {
      images.open();
      s.close();
    }
  }
}
