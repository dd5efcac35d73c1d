package dev.vcg.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.internal.Json;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CostTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void moneyIsExactAndNeverNegative() {
    assertThat(Money.usd("0.1").plus(Money.usd("0.2"))).isEqualTo(Money.usd("0.3"));
    assertThat(Money.usd(0.1).plus(Money.usd(0.2))).isEqualTo(Money.usd("0.30"));
    assertThat(Money.usd("0.098").times(5)).isEqualTo(Money.usd("0.49"));
    assertThat(Money.usd("1").minusOrZero(Money.usd("2"))).isEqualTo(Money.ZERO);
    assertThatThrownBy(() -> Money.usd("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.usd("abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.usd(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Money.usd("0.05")).hasToString("$0.0500");
    assertThat(Money.usd("0.00014")).hasToString("$0.000140");
  }

  @Test
  void tokenPricesArePerMillion() {
    Price p = Price.perMillionTokens("3", "15");
    assertThat(p.forTokens(new TokenUsage(1000, 2000))).isEqualTo(Money.usd("0.033"));
    assertThat(Price.perVideoSecond("0.098").forVideo(10)).isEqualTo(Money.usd("0.98"));
    assertThat(Price.perImage("0.025").forImages(7)).isEqualTo(Money.usd("0.175"));
  }

  @Test
  void priceBookFallsBackToTheProviderDefault() {
    PriceBook book = PriceBook.builder()
        .price("fal", "*", Price.perImage("0.03"))
        .price("fal", "fal-ai/flux/dev", Price.perImage("0.025")).build();
    assertThat(book.priceOf("fal", "fal-ai/flux/dev").perImage()).isEqualTo(Money.usd("0.025"));
    assertThat(book.priceOf("fal", "fal-ai/other").perImage()).isEqualTo(Money.usd("0.03"));
    assertThat(book.priceOf("runway", "gen4").perImage()).isEqualTo(Money.ZERO);
    PriceBook mine = PriceBook.builder().price("fal", "fal-ai/flux/dev", Price.perImage("0.02")).build();
    assertThat(book.with(mine).priceOf("fal", "fal-ai/flux/dev").perImage()).isEqualTo(Money.usd("0.02"));
  }

  @Test
  void estimateTotalsItsParts() {
    CostEstimate e = CostEstimate.of(Money.usd("0.01"), Money.usd("0.2"), Money.usd("2"), Money.ZERO,
        new CostEstimate.Breakdown(8, 4, 20));
    assertThat(e.total()).isEqualTo(Money.usd("2.21"));
    assertThatThrownBy(() -> new CostEstimate(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.usd("1"),
        new CostEstimate.Breakdown(0, 0, 0))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCallThatWouldPassTheCapIsRefusedAndStatesTheSpend() {
    CostLedger ledger = new CostLedger(Money.usd("1.00"));
    ledger.reserve(Money.usd("0.60"), "clip 1").settle("fal", "kling", ProviderKind.VIDEO, Money.usd("0.55"), "shot-1", T0);
    CostLedger.Reservation second = ledger.reserve(Money.usd("0.40"), "clip 2");
    assertThatThrownBy(() -> ledger.reserve(Money.usd("0.10"), "clip 3"))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("clip 3").hasMessageContaining("$0.5500").hasMessageContaining("$1.0000")
        .satisfies(e -> assertThat(((BudgetExceededException) e).spent()).isEqualTo(Money.usd("0.55")));
    second.release();
    ledger.reserve(Money.usd("0.45"), "clip 3").settle("fal", "kling", ProviderKind.VIDEO, null, "shot-3", T0);
    assertThat(ledger.total()).isEqualTo(Money.usd("1.00"));
    assertThat(ledger.entries()).extracting(CostEntry::actual).containsExactly(true, false);
    assertThat(ledger.remaining()).contains(Money.ZERO);
    assertThatThrownBy(second::release).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void concurrentReservationsNeverOverspend() throws Exception {
    CostLedger ledger = new CostLedger(Money.usd("1.00"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      futures.add(pool.submit(() -> {
        start.await();
        try {
          ledger.reserve(Money.usd("0.03"), "call " + n).settle("p", "m", ProviderKind.IMAGE, null, "c" + n, T0);
        } catch (BudgetExceededException e) {
          refused.incrementAndGet();
        }
        return null;
      }));
    }
    start.countDown();
    for (var f : futures) {
      f.get(10, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(ledger.total()).isEqualTo(Money.usd("0.99"));
    assertThat(ledger.entries()).hasSize(33);
    assertThat(refused).hasValue(167);
  }

  @Test
  void ledgerSurvivesJson() throws Exception {
    CostLedger ledger = new CostLedger(Money.usd("5"));
    ledger.record(new CostEntry(T0, "openrouter", "openai/gpt-4o", ProviderKind.LLM, Money.usd("0.00014"), true, "direct"));
    String json = Json.mapper().writeValueAsString(ledger);
    CostLedger back = Json.mapper().readValue(json, CostLedger.class);
    assertThat(back.cap()).contains(Money.usd("5"));
    assertThat(back.entries()).isEqualTo(ledger.entries());
    assertThat(back.byProvider()).containsEntry("openrouter", Money.usd("0.00014"));
    assertThat(json).contains("\"at\":\"2026-01-01T00:00:00Z\"").contains("0.00014");
  }
}
