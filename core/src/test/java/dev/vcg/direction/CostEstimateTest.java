package dev.vcg.direction;

import static dev.vcg.direction.TestPlans.plan;
import static dev.vcg.direction.TestPlans.shots;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.cost.CostEstimate;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.internal.Json;
import dev.vcg.provider.VideoCapabilities;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostEstimateTest {
  static final VideoCapabilities KLING = DirectionNormalizerCorpusTest.KLING;
  static final PriceBook BOOK = PriceBook.builder()
      .price("fal", "fal-ai/flux/dev", Price.perImage("0.025"))
      .price("fal", "*", Price.perImage("0.05"))
      .price("fal", "kling-2.1-pro", Price.perVideoSecond("0.098"))
      .price("openrouter", "anthropic/claude-3.5-sonnet", Price.perMillionTokens("3", "15"))
      .build();

  static final AiDirector DIRECTOR = AiDirector.builder().offlinePlanner(AiDirectorTest.THREE_SHOTS)
      .videoCapabilities(KLING).priceBook(BOOK).build();

  static final PlanPricing FAL = PlanPricing.builder().image("fal", "fal-ai/flux/dev").video("fal", "kling-2.1-pro")
      .build();

  /** A plan of 10 s shots joined by the given transitions (one fewer than the shots). */
  static VideoDirection joined(String transitions) {
    List<TransitionType> ts = transitions.isBlank() ? List.of()
        : Arrays.stream(transitions.split(" ")).map(TransitionType::parse).toList();
    double[] tens = new double[ts.size() + 1];
    Arrays.fill(tens, 10);
    VideoDirection p = plan(tens);
    List<DirectedShot> out = new ArrayList<>();
    for (int i = 0; i < p.shots().size(); i++) {
      DirectedShot.Builder b = p.shots().get(i).toBuilder().duration(10);
      out.add((i < ts.size() ? b.transitionOut(ts.get(i)) : b).build());
    }
    return p.withScenes(List.of(new DirectedScene(1, "S1", "", "", out)));
  }

  @ParameterizedTest(name = "{0} -> {1} images")
  @CsvSource(delimiter = '|', textBlock = """
                                     | 2
      cut                            | 3
      cut crossfade                  | 4
      crossfade crossfade cut cut    | 6
      fade_black                     | 4
      fade_black wipe_left fade_white| 8
      crossfade fade_white           | 5
      wipe_right cut wipe_left       | 7
      """)
  void framesAreSharedAcrossContinuousBoundariesOnly(String transitions, int images) {
    VideoDirection plan = transitions == null ? joined("") : joined(transitions);
    CostEstimate e = DIRECTOR.estimateCost(plan, FAL);
    int shots = plan.shots().size();
    assertThat(e.breakdown().imageCount()).isEqualTo(images);
    assertThat(e.breakdown().videoCount()).isEqualTo(shots);
    assertThat(e.breakdown().totalDuration()).isEqualTo(10.0 * shots);
    assertThat(e.images()).isEqualTo(Money.usd("0.025").times((long) images));
    assertThat(e.videos()).isEqualTo(Money.usd("0.98").times((long) shots));
    assertThat(e.total()).isEqualTo(e.images().plus(e.videos()));
  }

  @ParameterizedTest(name = "{0} s shots on {1} -> {2} s")
  @CsvSource(delimiter = '|', textBlock = """
      7 7.5 12   | 5 10    | 25
      5 5 5      | 5 10    | 15
      3 4        | 5 10    | 10
      6 9        | 4 6 8   | 14
      2.5 10     | 1 2 3 4 5 6 7 8 9 10 | 13
      """)
  void clipsArePricedPerSecondOfTheirSnappedLength(String durations, String allowed, double seconds) {
    double[] d = Arrays.stream(durations.split(" ")).mapToDouble(Double::parseDouble).toArray();
    int[] a = Arrays.stream(allowed.split(" ")).mapToInt(Integer::parseInt).toArray();
    VideoCapabilities caps = VideoCapabilities.builder().durations(a).aspectFollowsImage(true).build();
    CostEstimate e = DIRECTOR.estimateCost(plan(d), FAL.toBuilder().videoCapabilities(caps).build());
    assertThat(e.breakdown().totalDuration()).isEqualTo(seconds);
    assertThat(e.videos()).isEqualTo(Money.usd("0.098").times(seconds));
  }

  @Test
  void theDirectorsVideoModelSnapsWhenThePricingNamesNone() {
    CostEstimate e = DIRECTOR.estimateCost(plan(shots(7, 8)), FAL);
    assertThat(e.breakdown().totalDuration()).isEqualTo(15.0);
  }

  @Test
  void pricesFallBackFromModelToProviderDefaultToFree() {
    VideoDirection plan = joined("cut cut");
    // listed model
    assertThat(DIRECTOR.estimateCost(plan, PlanPricing.builder().image("fal", "fal-ai/flux/dev").build()).images())
        .isEqualTo(Money.usd("0.100"));
    // unlisted model of a listed provider: the provider default fal/*
    assertThat(DIRECTOR.estimateCost(plan, PlanPricing.builder().image("fal", "fal-ai/new-model").build()).images())
        .isEqualTo(Money.usd("0.200"));
    // unknown provider: free, counts still given
    CostEstimate unknown = DIRECTOR.estimateCost(plan, PlanPricing.builder().image("acme", "x").video("acme", "y").build());
    assertThat(unknown.total()).isEqualTo(Money.ZERO);
    assertThat(unknown.breakdown().imageCount()).isEqualTo(4);
    // no providers at all
    assertThat(DIRECTOR.estimateCost(plan, PlanPricing.NONE).total()).isEqualTo(Money.ZERO);
    // the caller's book wins over the director's
    PriceBook mine = PriceBook.builder().price("fal", "fal-ai/flux/dev", Price.perImage("0.01")).build();
    assertThat(DIRECTOR.estimateCost(plan, PlanPricing.builder().image("fal", "fal-ai/flux/dev").priceBook(mine).build())
        .images()).isEqualTo(Money.usd("0.04"));
  }

  @Test
  void theLanguageModelIsEstimatedFromThePlanSizeUnlessTheActualCostIsKnown() throws Exception {
    VideoDirection plan = joined("cut");
    PlanPricing withLlm = FAL.toBuilder().llm("openrouter", "anthropic/claude-3.5-sonnet").build();
    long outTokens = (Json.mapper().writeValueAsString(plan).length() + 3) / 4;
    Money expected = Price.perMillionTokens("3", "15").forTokens(new dev.vcg.provider.TokenUsage(2000, outTokens));
    CostEstimate e = DIRECTOR.estimateCost(plan, withLlm);
    assertThat(e.llm()).isEqualTo(expected).isGreaterThan(Money.ZERO);
    assertThat(DIRECTOR.estimateCost(plan, withLlm.toBuilder().llmCost(Money.usd("0.5")).build()).llm())
        .isEqualTo(Money.usd("0.5"));

    DirectionResult made = DIRECTOR.direct(AiDirectorTest.input()).toBuilder().llmCost(Money.usd("0.02")).build();
    assertThat(DIRECTOR.estimateCost(made, withLlm).llm()).isEqualTo(Money.usd("0.02"));
  }

  @Test
  void compileIsAddedAndTheTotalIsTheSum() {
    CostEstimate e = DIRECTOR.estimateCost(joined("crossfade crossfade"),
        FAL.toBuilder().llmCost(Money.usd("0.01")).compile(Money.usd("0.30")).build());
    // 4 images × 0.025 + 30 s × 0.098 + 0.01 + 0.30
    assertThat(e.images()).isEqualTo(Money.usd("0.1"));
    assertThat(e.videos()).isEqualTo(Money.usd("2.94"));
    assertThat(e.total()).isEqualTo(Money.usd("3.35"));
  }

  @Test
  void aDirectorWithPricingAttachesTheEstimateToEveryPlan() {
    ScriptedLlm llm = new ScriptedLlm("openrouter", "anthropic/claude-3.5-sonnet", ScriptedLlm.structured())
        .answer(DirectionNormalizerCorpusTest.corpus("valid-plain.json"));
    AiDirector d = AiDirector.builder().llm(llm).videoCapabilities(KLING).priceBook(BOOK).pricing(FAL)
        .clock(Clock.fixed(AiDirectorTest.NOW, ZoneOffset.UTC)).build();
    DirectionResult r = d.direct(AiDirectorTest.input());
    CostEstimate e = r.direction().estimatedCost();
    assertThat(e).isNotNull();
    assertThat(e.llm()).isEqualTo(r.llmCost()).isEqualTo(Money.usd("0.0105"));
    // valid-plain: crossfade, crossfade → 3 shots share 2 boundaries: 4 frames; 30 s of video
    assertThat(e.breakdown()).isEqualTo(new CostEstimate.Breakdown(4, 3, 30));
    assertThat(e.total()).isEqualTo(Money.usd("0.0105").plus(Money.usd("0.1")).plus(Money.usd("2.94")));
    assertThat(d.pricing()).contains(FAL);
  }
}
