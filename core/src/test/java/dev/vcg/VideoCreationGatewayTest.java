package dev.vcg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.direction.DirectionSource;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.local.LocalImageProviderFactory;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.provider.ProviderRegistry;
import dev.vcg.routing.WorkflowType;
import dev.vcg.workflow.RunStatus;
import dev.vcg.workflow.WorkflowEvent;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VideoCreationGatewayTest {
  static ProviderRegistry registry(Map<String, String> env) {
    return ProviderRegistry.of(List.of(new LocalImageProviderFactory(), new AcmeImageFactory()))
        .withEnvironment(env::get, k -> null);
  }

  @Test
  void withoutKeysEverythingIsOfflineAndPlansAreMadeByRules() {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).build()) {
      assertThat(g.providers()).extracting(ProviderChoice::kind, ProviderChoice::providerId, ProviderChoice::source)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(ProviderKind.LLM, "local", ProviderChoice.Source.OFFLINE),
              org.assertj.core.groups.Tuple.tuple(ProviderKind.IMAGE, "local", ProviderChoice.Source.OFFLINE));
      assertThat(g.providers().get(0).model()).isEqualTo("rule-planner");
      assertThat(g.providers()).allMatch(ProviderChoice::isOffline);
    }
  }

  @Test
  void aConfiguredProviderWinsOverTheBuiltInAndAnExplicitIdOrInstanceWinsOverThat() {
    Map<String, String> env = Map.of("ACME_API_KEY", "acme-test-key");
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(env)).build()) {
      assertThat(g.providers()).filteredOn(c -> c.kind() == ProviderKind.IMAGE).singleElement()
          .satisfies(c -> {
            assertThat(c.providerId()).isEqualTo("acme");
            assertThat(c.source()).isEqualTo(ProviderChoice.Source.CONFIGURED);
          });
    }
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(env)).imageProviderId("local")
        .build()) {
      assertThat(g.providers()).filteredOn(c -> c.kind() == ProviderKind.IMAGE).singleElement()
          .satisfies(c -> assertThat(c).extracting(ProviderChoice::providerId, ProviderChoice::source)
              .containsExactly("local", ProviderChoice.Source.ID));
    }
    PlanningLlm llm = new PlanningLlm("mine", null, 10);
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(env))
        .imageProvider(LocalImageProvider.create()).llmProvider(llm).build()) {
      assertThat(g.providers()).extracting(ProviderChoice::providerId, ProviderChoice::source).containsExactly(
          org.assertj.core.groups.Tuple.tuple("mine", ProviderChoice.Source.INSTANCE),
          org.assertj.core.groups.Tuple.tuple("local", ProviderChoice.Source.INSTANCE));
    }
  }

  @Test
  void anExplicitIdThatIsUnknownOrUnconfiguredFailsAtBuildNamingWhatToDo() {
    assertThatThrownBy(() -> VideoCreationGateway.builder().providers(registry(Map.of())).imageProviderId("fal").build())
        .isInstanceOf(ProviderNotConfiguredException.class).hasMessageContaining("dev.vcg:vcg-providers-fal");
    assertThatThrownBy(() -> VideoCreationGateway.builder().providers(registry(Map.of())).imageProviderId("acme").build())
        .isInstanceOf(ProviderNotConfiguredException.class).hasMessageContaining("ACME_API_KEY");
    assertThatThrownBy(() -> VideoCreationGateway.builder().imageProvider(LocalImageProvider.create())
        .imageProviderId("local").build()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("imageProvider or imageProviderId");
    assertThatThrownBy(() -> VideoCreationGateway.builder().llmProviderId(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPlainPromptIsRoutedToSimpleTextAndPlannedOfflineEndToEnd() {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).build()) {
      GatewayResponse r = g.process(GatewayRequest.builder()
          .input(GatewayInput.builder().prompt("Create a video about renewable energy").durationSeconds(20).build())
          .build());
      assertThat(r).isInstanceOf(GatewayResponse.Completed.class);
      GatewayResponse.Completed c = (GatewayResponse.Completed) r;
      assertThat(c.workflowType()).isEqualTo(WorkflowType.SIMPLE_TEXT);
      PlanResult plan = c.plan().orElseThrow();
      assertThat(plan.direction().source()).isEqualTo(DirectionSource.OFFLINE);
      assertThat(plan.plan().shots()).isNotEmpty();
      assertThat(plan.plan().totalDuration()).isBetween(15.0, 25.0);
      assertThat(plan.confidence()).isBetween(0.2, 1.0);
      assertThat(c.video()).isEmpty();
      assertThat(c.metadata()).containsEntry("routing.workflow", "SIMPLE_TEXT").containsKeys("pattern", "complexity",
          "stepsExecuted", "confidence");
      assertThat(c.decisions()).anySatisfy(d -> assertThat(d.what()).isEqualTo("route to SIMPLE_TEXT"));
      assertThat(c.decisions()).anySatisfy(d -> assertThat(d.what()).isEqualTo("planned by rules"));
      assertThat(c.totalCost()).isEqualTo(Money.ZERO);
      assertThat(g.status(c.workflowId())).contains(RunStatus.COMPLETED);
      assertThat(g.metrics().workflow("SIMPLE_TEXT").completed()).isEqualTo(1);
    }
  }

  @Test
  void aTypeWithoutWorkflowIsPlannedBySimpleTextWithAWarning() {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).catalog(builtInOnly()).build()) {
      GatewayResponse.Completed c = (GatewayResponse.Completed) g.process(GatewayRequest.builder()
          .input(GatewayInput.builder().prompt("A launch teaser for our shop").url(URI.create("https://shop.example"))
              .build()).build());
      assertThat(c.metadata()).containsEntry("routing.workflow", "WEB_EXTRACTION");
      assertThat(c.workflowType()).isEqualTo(WorkflowType.SIMPLE_TEXT);
      assertThat(c.plan().orElseThrow().warnings()).anySatisfy(w -> assertThat(w).contains("WEB_EXTRACTION"));
    }
  }

  @Test
  void aRequestWithoutPromptFailsAsInvalidInput() {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).catalog(builtInOnly()).build()) {
      // Only a website, and no web workflow in the catalog: SIMPLE_TEXT has nothing to plan from.
      GatewayResponse r = g.process(GatewayRequest.builder().input(GatewayInput.builder()
          .url(URI.create("https://shop.example")).build()).build());
      assertThat(r).isInstanceOf(GatewayResponse.Failed.class);
      GatewayResponse.Failed f = (GatewayResponse.Failed) r;
      assertThat(f.error()).isInstanceOf(InvalidInputException.class).hasMessageContaining("no prompt");
      assertThat(f.retryable()).isFalse();
      assertThat(g.status(f.workflowId())).contains(RunStatus.FAILED);
    }
  }

  @Test
  void aLanguageModelPlansAndItsCostIsRecorded() {
    PlanningLlm llm = new PlanningLlm("mine", Money.usd("0.02"), 30);
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).catalog(builtInOnly()).llmProvider(llm)
        .build()) {
      GatewayResponse.Completed c = (GatewayResponse.Completed) g.process(GatewayRequest.ofPrompt(
          "A lighthouse at dawn, waves crashing"));
      assertThat(c.plan().orElseThrow().direction().source()).isEqualTo(DirectionSource.LLM);
      assertThat(llm.calls()).isEqualTo(1);
      assertThat(c.costs()).singleElement().satisfies(e -> {
        assertThat(e.providerId()).isEqualTo("mine");
        assertThat(e.kind()).isEqualTo(ProviderKind.LLM);
        assertThat(e.amount()).isEqualTo(Money.usd("0.02"));
      });
      assertThat(c.decisions()).anySatisfy(d -> assertThat(d.what()).startsWith("planned by mine/"));
    }
  }

  @Test
  void theBudgetStopsAPaidPlanningCallBeforeItIsMade() {
    PlanningLlm llm = new PlanningLlm("mine", Money.usd("0.02"), 30);
    PriceBook prices = PriceBook.builder().price("mine", "planner-1", Price.perMillionTokens("10", "30")).build();
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).llmProvider(llm)
        .priceBook(prices).maxCost(Money.usd("0.01")).build()) {
      GatewayResponse r = g.process(GatewayRequest.ofPrompt("A lighthouse at dawn"));
      assertThat(r).isInstanceOf(GatewayResponse.Failed.class);
      assertThat(((GatewayResponse.Failed) r).error()).isInstanceOf(BudgetExceededException.class)
          .hasMessageContaining("plan (mine/planner-1)");
      assertThat(llm.calls()).isZero();
      assertThat(r.totalCost()).isEqualTo(Money.ZERO);
    }
    // The request's own cap applies too, and the lower of the two wins.
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).llmProvider(llm)
        .priceBook(prices).maxCost(Money.usd("5")).build()) {
      GatewayResponse r = g.process(GatewayRequest.builder().input(GatewayInput.ofPrompt("A lighthouse at dawn"))
          .options(GatewayOptions.builder().maxCost(Money.usd("0.001")).build()).build());
      assertThat(((GatewayResponse.Failed) r).error()).isInstanceOf(BudgetExceededException.class);
      assertThat(llm.calls()).isZero();
    }
  }

  @Test
  void handleEventsCoverTheWholeRunInOrderForEverySubscriber() throws Exception {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).catalog(builtInOnly()).build()) {
      WorkflowHandle h = g.submit(GatewayRequest.ofPrompt("A calm ocean at night"));
      List<WorkflowEvent> early = collect(h);
      GatewayResponse r = h.result().get(30, TimeUnit.SECONDS);
      List<WorkflowEvent> late = collect(h);
      assertThat(r).isInstanceOf(GatewayResponse.Completed.class);
      for (List<WorkflowEvent> events : List.of(early, late)) {
        assertThat(events.get(0)).isInstanceOf(WorkflowEvent.RunStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(WorkflowEvent.RunCompleted.class);
        assertThat(events).filteredOn(WorkflowEvent::isTerminal).hasSize(1);
        assertThat(events).filteredOn(e -> e instanceof WorkflowEvent.StepCompleted)
            .extracting(e -> ((WorkflowEvent.StepCompleted) e).step()).contains("analyze", "plan", "validate", "result");
        for (int i = 1; i < events.size(); i++) {
          assertThat(events.get(i).progress()).isGreaterThanOrEqualTo(events.get(i - 1).progress());
        }
      }
      assertThat(late).isEqualTo(early);
      assertThat(h.progress()).isEqualTo(1.0);
      assertThat(h.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(g.handle(h.id())).containsSame(h);
    }
  }

  /** A catalog with only the gateway's own SIMPLE_TEXT workflow, without the planning workflows. */
  static WorkflowCatalog builtInOnly() {
    return WorkflowCatalog.builder().register(WorkflowType.SIMPLE_TEXT, SimpleTextWorkflow::create).build();
  }

  static List<WorkflowEvent> collect(WorkflowHandle h) throws InterruptedException {
    List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    h.events().subscribe(new Flow.Subscriber<>() {
      private Flow.Subscription s;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        this.s = s;
        s.request(1);
      }

      @Override
      public void onNext(WorkflowEvent item) {
        events.add(item);
        s.request(1);
      }

      @Override
      public void onError(Throwable t) {
        done.countDown();
      }

      @Override
      public void onComplete() {
        done.countDown();
      }
    });
    assertThat(done.await(30, TimeUnit.SECONDS)).as("events completed").isTrue();
    return List.copyOf(events);
  }

  @Test
  void aWorkflowIdIsKeptAndCannotBeReused() {
    try (VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).build()) {
      GatewayRequest request = GatewayRequest.builder().input(GatewayInput.ofPrompt("A forest in autumn"))
          .workflowId("forest-1").build();
      assertThat(g.process(request).workflowId()).isEqualTo("forest-1");
      assertThatThrownBy(() -> g.submit(request)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("forest-1");
    }
    assertThatThrownBy(() -> GatewayRequest.builder().workflowId("x" + VideoCreationGateway.RENDER_SUFFIX))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayRequest.builder().workflowId("../etc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedGatewayRefusesWork() {
    VideoCreationGateway g = VideoCreationGateway.builder().providers(registry(Map.of())).build();
    g.close();
    assertThatThrownBy(() -> g.submit(GatewayRequest.ofPrompt("x"))).isInstanceOf(IllegalStateException.class);
  }
}
