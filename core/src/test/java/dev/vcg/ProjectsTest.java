package dev.vcg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.cost.BudgetExceededException;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.media.MediaRef;
import dev.vcg.projects.NewProject;
import dev.vcg.projects.Project;
import dev.vcg.projects.ProjectCost;
import dev.vcg.projects.ProjectNotFoundException;
import dev.vcg.projects.ProjectStateException;
import dev.vcg.projects.ProjectStatus;
import dev.vcg.projects.Projects;
import dev.vcg.provider.ProviderConfig;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.ProviderNotConfiguredException;
import dev.vcg.testkit.Canary;
import dev.vcg.workflows.generation.DirectedGeneration;
import dev.vcg.workflows.planning.PlanningMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project lifecycle of seed 001, on the offline image provider and test clips. */
class ProjectsTest {
  static final PriceBook PRICES = PriceBook.builder()
      .price(MarkerClips.ID, MarkerClips.MODEL, Price.perVideoSecond("0.10")).build();

  @TempDir
  Path dir;

  VideoCreationGateway gateway(MarkerClips clips, Map<String, String> env) {
    return VideoCreationGateway.builder().providers(VideoCreationGatewayTest.registry(env)).videoProvider(clips)
        .stitcher(new ConcatStitcher()).priceBook(PRICES).storeDirectory(dir).build();
  }

  static NewProject.Builder forge() {
    return NewProject.builder().name("Forge reveal")
        .concept("Epic blacksmith forge revealing an emblem with fire, molten gold and dramatic lighting")
        .targetDuration(12);
  }

  @Test
  void createDirectRefineApproveGenerate() {
    MarkerClips clips = new MarkerClips();
    try (VideoCreationGateway g = gateway(clips, Map.of())) {
      Projects projects = g.projects();
      Project p = projects.create(forge().build());
      assertThat(p.status()).isEqualTo(ProjectStatus.CREATED);
      assertThat(p.direction()).isEmpty();

      p = projects.direct(p.id());
      assertThat(p.status()).isEqualTo(ProjectStatus.DIRECTED);
      assertThat(p.direction().orElseThrow().version()).isEqualTo(1);
      assertThat(p.estimate()).isPresent();
      assertThat(p.estimate().get().videos()).isGreaterThan(Money.ZERO);

      p = projects.refine(p.id(), "make it 16 seconds, more close-ups of the engraving");
      assertThat(p.direction().orElseThrow().version()).isEqualTo(2);
      assertThat(p.direction().get().feedback()).contains("make it 16 seconds, more close-ups of the engraving");
      assertThat(p.history().orElseThrow().size()).isEqualTo(2);

      p = projects.approve(p.id());
      assertThat(p.status()).isEqualTo(ProjectStatus.APPROVED);
      assertThat(p.approvedDirection().orElseThrow().version()).isEqualTo(2);
      String id = p.id();
      assertThatThrownBy(() -> projects.refine(id, "longer")).isInstanceOf(ProjectStateException.class)
          .hasMessageContaining("locked");
      assertThatThrownBy(() -> projects.direct(id)).isInstanceOf(ProjectStateException.class);
      assertThatThrownBy(() -> projects.approve(id)).isInstanceOf(ProjectStateException.class);

      GatewayResponse r = projects.generate(id).await();
      assertThat(r).isInstanceOf(GatewayResponse.Completed.class);
      p = projects.get(id);
      assertThat(p.status()).isEqualTo(ProjectStatus.COMPLETED);
      assertThat(p.video()).isPresent();
      assertThat(p.video().get().video()).exists();
      int shots = p.approvedDirection().get().direction().shots().size();
      assertThat(clips.submits()).isEqualTo(shots);
      assertThat(p.video().get().direction()).contains(p.approvedDirection().get().direction());

      ProjectCost cost = projects.cost(id);
      assertThat(cost.estimated()).isPresent();
      assertThat(cost.actual()).isEqualTo(p.video().get().totalCost());

      // The project's run counts in the gateway's analytics like any generation workflow.
      PlanningMetrics.WorkflowStats stats = g.analytics().workflow(DirectedGeneration.WORKFLOW);
      assertThat(stats.requests()).isEqualTo(1);
      assertThat(stats.completed()).isEqualTo(1);
      assertThat(stats.steps()).containsKey("stitch");
      assertThat(cost.actual()).isEqualTo(cost.estimated().get().total());
      assertThatThrownBy(() -> projects.generate(id)).isInstanceOf(ProjectStateException.class)
          .hasMessageContaining("is made");
      assertThat(projects.list()).extracting(Project::id).containsExactly(id);
    }
  }

  @Test
  void generateIsRefusedBeforeApprovalUnlessTheProjectAutoApproves() {
    MarkerClips clips = new MarkerClips();
    try (VideoCreationGateway g = gateway(clips, Map.of())) {
      Projects projects = g.projects();
      Project p = projects.create(forge().build());
      assertThatThrownBy(() -> projects.generate(p.id())).isInstanceOf(ProjectStateException.class)
          .hasMessageContaining("approved").satisfies(e ->
              assertThat(((ProjectStateException) e).status()).isEqualTo(ProjectStatus.CREATED));
      projects.direct(p.id());
      assertThatThrownBy(() -> projects.generate(p.id())).isInstanceOf(ProjectStateException.class)
          .hasMessageContaining("approve it");
      assertThat(clips.submits()).isZero();

      Project auto = projects.create(forge().autoApprove(true).build());
      GatewayResponse r = projects.generate(auto.id()).await();
      assertThat(r).isInstanceOf(GatewayResponse.Completed.class);
      Project done = projects.get(auto.id());
      assertThat(done.approvedDirection()).isPresent();
      assertThat(done.status()).isEqualTo(ProjectStatus.COMPLETED);
    }
  }

  @Test
  void theReviewGateStopsWithStillsAndTheCostToAnimateAndContinuesOnApproval() {
    MarkerClips clips = new MarkerClips();
    try (VideoCreationGateway g = gateway(clips, Map.of())) {
      Projects projects = g.projects();
      Project p = projects.create(forge().reviewFrames(true).build());
      projects.direct(p.id());
      projects.approve(p.id());
      GatewayResponse first = projects.generate(p.id()).await();
      assertThat(first).isInstanceOf(GatewayResponse.ClarificationNeeded.class);
      assertThat(((GatewayResponse.ClarificationNeeded) first).isFrameReview()).isTrue();
      assertThat(clips.submits()).as("no clip is paid for before approval").isZero();

      Project waiting = projects.get(p.id());
      assertThat(waiting.status()).isEqualTo(ProjectStatus.AWAITING_APPROVAL);
      assertThat(waiting.review()).isPresent();
      assertThat(waiting.review().get().frames()).isNotEmpty().allSatisfy(f ->
          assertThat(((MediaRef.File) f).path()).exists());
      Money toAnimate = waiting.review().get().costToAnimate();
      assertThat(toAnimate).isEqualTo(waiting.estimate().orElseThrow().videos());
      assertThat(projects.cost(p.id()).toAnimate()).contains(toAnimate);
      assertThat(projects.cost(p.id()).actual()).isEqualTo(Money.ZERO);
      assertThatThrownBy(() -> projects.generate(p.id())).isInstanceOf(ProjectStateException.class)
          .hasMessageContaining("approveFrames");

      GatewayResponse second = projects.approveFrames(p.id()).await();
      assertThat(second).isInstanceOf(GatewayResponse.Completed.class);
      Project done = projects.get(p.id());
      assertThat(done.status()).isEqualTo(ProjectStatus.COMPLETED);
      assertThat(done.review()).isEmpty();
      assertThat(clips.submits()).isEqualTo(done.approvedDirection().get().direction().shots().size());
      assertThat(projects.cost(p.id()).actual()).isEqualTo(toAnimate);
      assertThatThrownBy(() -> projects.approveFrames(p.id())).isInstanceOf(ProjectStateException.class);
    }
  }

  @Test
  void theBudgetStopsGenerationBeforeAnyClipIsPaidFor() {
    MarkerClips clips = new MarkerClips();
    try (VideoCreationGateway g = gateway(clips, Map.of())) {
      Projects projects = g.projects();
      Project p = projects.create(forge().maxCost(Money.usd("0.000001")).autoApprove(true).build());
      GatewayResponse r = projects.generate(p.id()).await();
      assertThat(r).isInstanceOf(GatewayResponse.Failed.class);
      assertThat(((GatewayResponse.Failed) r).error()).isInstanceOf(BudgetExceededException.class);
      assertThat(clips.submits()).isZero();
      Project failed = projects.get(p.id());
      assertThat(failed.status()).isEqualTo(ProjectStatus.FAILED);
      assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f).contains("BudgetExceededException"));
    }
  }

  @Test
  void projectsArePersistedAndReadByANewGatewayOnTheSameStore() {
    String id;
    Project before;
    try (VideoCreationGateway a = gateway(new MarkerClips(), Map.of())) {
      Project p = a.projects().create(forge().build());
      a.projects().direct(p.id());
      before = a.projects().approve(p.id());
      id = p.id();
    }
    MarkerClips clips = new MarkerClips();
    try (VideoCreationGateway b = gateway(clips, Map.of())) {
      Project after = b.projects().get(id);
      assertThat(after.status()).isEqualTo(ProjectStatus.APPROVED);
      assertThat(after.approvedDirection()).isEqualTo(before.approvedDirection());
      assertThat(after.history()).isEqualTo(before.history());
      assertThat(b.projects().list()).extracting(Project::id).containsExactly(id);
      assertThat(b.projects().generate(id).await()).isInstanceOf(GatewayResponse.Completed.class);
      assertThat(clips.submits()).isPositive();
      assertThat(b.projects().delete(id)).isTrue();
      assertThatThrownBy(() -> b.projects().get(id)).isInstanceOf(ProjectNotFoundException.class);
      assertThat(b.projects().delete(id)).isFalse();
    }
  }

  @Test
  void aProjectKeyIsNeverWrittenAndMustBeGivenAgainAfterARestart() throws IOException {
    Canary canary = Canary.create();
    ProviderConfig acme = ProviderConfig.builder(AcmeImageFactory.ID).apiKey(canary.key()).model("acme-image-2")
        .build();
    String id;
    try (VideoCreationGateway a = gateway(new MarkerClips(), Map.of())) {
      Project p = a.projects().create(forge().provider(ProviderKind.IMAGE, acme).autoApprove(true).build());
      id = p.id();
      GatewayResponse r = a.projects().generate(id).await();
      assertThat(r).isInstanceOf(GatewayResponse.Completed.class);
      Project done = a.projects().get(id);
      assertThat(done.provider(ProviderKind.IMAGE)).hasValueSatisfying(s -> {
        assertThat(s.providerId()).isEqualTo("acme");
        assertThat(s.model()).isEqualTo("acme-image-2");
      });
      assertThat(done.video().orElseThrow().costEntries()).anySatisfy(e -> assertThat(e.providerId()).isEqualTo("acme"));
      canary.assertAbsent(done, done.toString(), r.toString(), a.projects().cost(id).toString());
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("project-"));
    for (Path f : files) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
      assertThat(text).as("stored file %s", f).doesNotContain(canary.value());
    }

    try (VideoCreationGateway b = gateway(new MarkerClips(), Map.of())) {
      Project p = b.projects().create(forge().provider(ProviderKind.IMAGE, acme).autoApprove(true).build());
      String second = p.id();
      b.close();
      try (VideoCreationGateway c = gateway(new MarkerClips(), Map.of())) {
        assertThatThrownBy(() -> c.projects().generate(second)).isInstanceOf(ProviderNotConfiguredException.class)
            .hasMessageContaining("ACME_API_KEY");
        c.projects().configure(second, Map.of(ProviderKind.IMAGE, acme));
        assertThat(c.projects().generate(second).await()).isInstanceOf(GatewayResponse.Completed.class);
      }
    }
  }

  @Test
  void unknownProjectsAreReportedAsSuch() {
    try (VideoCreationGateway g = gateway(new MarkerClips(), Map.of())) {
      assertThatThrownBy(() -> g.projects().get("nope")).isInstanceOf(ProjectNotFoundException.class)
          .hasMessageContaining("nope");
      assertThatThrownBy(() -> g.projects().direct("../../etc")).isInstanceOf(ProjectNotFoundException.class);
      assertThatThrownBy(() -> g.projects().create(NewProject.builder().concept("x")
          .provider(ProviderKind.IMAGE, ProviderConfig.of("fal")).build()))
          .isInstanceOf(ProviderNotConfiguredException.class);
    }
  }
}
