package dev.vcg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.Money;
import dev.vcg.direction.DirectorInput;
import dev.vcg.direction.VideoStyle;
import dev.vcg.internal.Json;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.AspectRatio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GatewayTypesTest {
  @Test
  void requestsAndPlanResultsRoundTripThroughJson() throws Exception {
    GatewayRequest request = GatewayRequest.builder()
        .input(GatewayInput.builder().prompt("A bakery at sunrise").durationSeconds(20).style(VideoStyle.CINEMATIC)
            .aspectRatio(AspectRatio.PORTRAIT_9_16).build())
        .options(GatewayOptions.builder().interactive(true).quality(Quality.DRAFT).render(true)
            .mode(GenerationMode.DIRECTED).maxCost(Money.usd("1.25")).output(Path.of("out/bakery.mp4"))
            .reviewFrames(true).seed(42L).build())
        .workflowId("bakery-1").userId("u-7").build();
    String json = Json.mapper().writeValueAsString(request);
    assertThat(Json.mapper().readValue(json, GatewayRequest.class)).isEqualTo(request);
    assertThat(json).contains("\"quality\":\"draft\"", "\"mode\":\"directed\"");

    DirectorInput in = DirectorInput.builder().concept("a bakery").targetDuration(10).build();
    PlanResult plan = PlanResult.builder()
        .direction(dev.vcg.direction.AiDirector.builder().build().direct(in))
        .confidence(0.75).warning("site unreachable").metadata("pattern", "conceptual")
        .addAsset(new PlanResult.PlanAsset("logo", MediaRef.file(Path.of("/tmp/logo.png")), false)).build();
    PlanResult back = Json.mapper().readValue(Json.mapper().writeValueAsString(plan), PlanResult.class);
    assertThat(back).isEqualTo(plan);
    assertThat(back.plan()).isEqualTo(plan.plan());
  }

  @Test
  void buildersCheckTheirArguments() {
    assertThatThrownBy(() -> GatewayRequest.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("input");
    assertThatThrownBy(() -> GatewayOptions.builder().reviewFrames(true).mode(GenerationMode.FLOW).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("reviewFrames");
    assertThatThrownBy(() -> VideoOptions.builder().seconds(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PlanResult.builder().confidence(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PlanResult.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("direction");
    assertThat(GenerationMode.parse(" Flow ")).isEqualTo(GenerationMode.FLOW);
    assertThatThrownBy(() -> GenerationMode.parse("fast")).isInstanceOf(IllegalArgumentException.class);

    List<PlanResult.PlanAsset> assets = new ArrayList<>();
    PlanResult.Builder b = PlanResult.builder().direction(dev.vcg.direction.AiDirector.builder().build()
        .direct(DirectorInput.builder().concept("x").build())).assets(assets);
    assets.add(new PlanResult.PlanAsset("late", MediaRef.file(Path.of("/tmp/x.png")), true));
    assertThat(b.build().assets()).as("the builder copies").isEmpty();
  }

  @Test
  void videoOptionsBecomeARenderRequestWithoutQuestions() {
    GatewayRequest r = VideoOptions.builder().seconds(12).quality(Quality.PREMIUM).mode(GenerationMode.FLOW)
        .build().toRequest("rain on a window");
    assertThat(r.input().durationSeconds()).contains(12);
    assertThat(r.options().render()).isTrue();
    assertThat(r.options().interactive()).isFalse();
    assertThat(r.options().mode()).isEqualTo(GenerationMode.FLOW);
    assertThat(Rendering.frameSize(Quality.DRAFT, AspectRatio.LANDSCAPE_16_9).width()).isEqualTo(640);
    assertThat(Rendering.frameSize(Quality.PREMIUM, AspectRatio.PORTRAIT_9_16).height()).isEqualTo(1920);
  }

  @Test
  void theReplayPublisherRespectsDemandReplaysAndCompletes() throws Exception {
    ExecutorService ex = Executors.newFixedThreadPool(2);
    try {
      ReplayPublisher<Integer> p = new ReplayPublisher<>(ex, 3, 5, i -> i % 2 == 0);
      for (int i = 1; i <= 8; i++) {
        p.publish(i);
      }
      // 1, 2, 3 kept; then only odd items until 5 are held: 5, 7. 4, 6, 8 dropped.
      assertThat(p.dropped()).isEqualTo(3);

      List<Integer> got = new CopyOnWriteArrayList<>();
      CountDownLatch twoReceived = new CountDownLatch(2);
      CountDownLatch completed = new CountDownLatch(1);
      Flow.Subscription[] sub = new Flow.Subscription[1];
      p.subscribe(new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          sub[0] = s;
          s.request(2);
        }

        @Override
        public void onNext(Integer item) {
          got.add(item);
          twoReceived.countDown();
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
          completed.countDown();
        }
      });
      assertThat(twoReceived.await(5, TimeUnit.SECONDS)).isTrue();
      p.complete();
      assertThat(completed.await(200, TimeUnit.MILLISECONDS)).as("not completed before the items are taken").isFalse();
      assertThat(got).containsExactly(1, 2);
      sub[0].request(10);
      assertThat(completed.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(got).containsExactly(1, 2, 3, 5, 7);

      CountDownLatch error = new CountDownLatch(1);
      p.subscribe(new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          s.request(0);
        }

        @Override
        public void onNext(Integer item) {
        }

        @Override
        public void onError(Throwable t) {
          if (t instanceof IllegalArgumentException) {
            error.countDown();
          }
        }

        @Override
        public void onComplete() {
        }
      });
      assertThat(error.await(5, TimeUnit.SECONDS)).as("request(0) is an error (rule 3.9)").isTrue();
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void questionsWithoutTypesOfTheirOwnAreTypedByTheirChoicesAndRejectionsAreTyped() {
    dev.vcg.workflow.Suspension review = new dev.vcg.workflow.Suspension("Review the frames",
        List.of(dev.vcg.workflow.Suspension.Question.of("approve", "Animate them?", "yes", "no"),
            dev.vcg.workflow.Suspension.Question.of("shot", "Which shot first?", "1", "2", "3"),
            dev.vcg.workflow.Suspension.Question.of("note", "Anything to change?")),
        java.util.Map.of("costToAnimate", "$0.40"));
    GatewayResponse.ClarificationNeeded q = new GatewayResponse.ClarificationNeeded("w-1", review, List.of(), List.of());
    assertThat(q.isFrameReview()).isTrue();
    assertThat(q.rejection()).isEmpty();
    assertThat(q.typedQuestions()).extracting(dev.vcg.routing.Question::type).containsExactly(
        dev.vcg.routing.Question.Type.BOOLEAN, dev.vcg.routing.Question.Type.SELECT, dev.vcg.routing.Question.Type.TEXT);
    assertThat(q.typedQuestions()).allMatch(dev.vcg.routing.Question::required);
    assertThat(q.typedQuestions().get(1).options()).containsExactly("1", "2", "3");

    dev.vcg.workflow.Suspension again = dev.vcg.workflows.planning.Clarifications.suspension(
        List.of(dev.vcg.routing.Question.text("industry", "Which industry?", true)),
        List.of("'industry' is required", "'colour' was not asked"));
    GatewayResponse.ClarificationNeeded rejected = new GatewayResponse.ClarificationNeeded("w-2", again, List.of(),
        List.of());
    assertThat(rejected.rejection()).hasValueSatisfying(e -> {
      assertThat(e.problems()).containsExactly("'industry' is required", "'colour' was not asked");
      assertThat(e).isInstanceOf(InvalidInputException.class);
    });
    assertThat(rejected.typedQuestions()).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo("industry");
      assertThat(t.type()).isEqualTo(dev.vcg.routing.Question.Type.TEXT);
    });
  }
}
