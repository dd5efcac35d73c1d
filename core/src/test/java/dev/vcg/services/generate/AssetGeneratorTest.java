package dev.vcg.services.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.cost.CostLedger;
import dev.vcg.cost.Money;
import dev.vcg.cost.Price;
import dev.vcg.cost.PriceBook;
import dev.vcg.local.LocalImageProvider;
import dev.vcg.media.LocalAssetStore;
import dev.vcg.provider.AspectRatio;
import dev.vcg.services.cache.ProviderCache;
import dev.vcg.services.fixtures.CountingImages;
import dev.vcg.services.gaps.AssetGap;
import dev.vcg.services.gaps.GapKind;
import dev.vcg.services.internal.Calls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetGeneratorTest {
  static final List<AssetGap> GAPS = List.of(
      new AssetGap(GapKind.LOGO, "none given", "simple flat logo mark, brown #6f3b1f on white"),
      new AssetGap(GapKind.BACKGROUND, "none wide", "abstract background plate in #6f3b1f and #f2a541"));
  static final PriceBook PRICES = PriceBook.builder()
      .price(LocalImageProvider.ID, LocalImageProvider.MODEL, Price.perImage("0.04")).build();

  private static AssetGenerator generator(CountingImages images, Path store, ProviderCache cache) {
    return AssetGenerator.builder().imageProvider(images).assetStore(LocalAssetStore.create(store)).priceBook(PRICES)
        .cache(cache).build();
  }

  private static AssetRequest request(String run) {
    return AssetRequest.builder().runId(run).gaps(GAPS).aspectRatio(AspectRatio.LANDSCAPE_16_9).longSide(320).build();
  }

  @Test
  void makesStoresAndPaysForEachGap(@TempDir Path dir) {
    CountingImages images = new CountingImages();
    CostLedger ledger = new CostLedger(Money.usd("1.00"));
    AssetGeneration g = generator(images, dir, ProviderCache.disabled()).generate(request("run-1"), ledger);

    assertThat(g.warnings()).isEmpty();
    assertThat(g.assets()).extracting(GeneratedAsset::id).containsExactly("generated-logo", "generated-background");
    assertThat(g.assets()).allSatisfy(a -> {
      assertThat(Files.size(a.media().path())).isPositive();
      assertThat(a.media().path()).startsWith(dir);
      assertThat(a.width()).isEqualTo(320);
      assertThat(a.height()).isEqualTo(180);
      assertThat(a.cacheHit()).isFalse();
    });
    assertThat(images.requests()).extracting(r -> r.prompt()).containsExactly(GAPS.get(0).prompt(), GAPS.get(1).prompt());
    assertThat(images.requests().get(0).negativePrompt()).contains(AssetGenerator.NEGATIVE);
    // The local provider reports $0 per image; that is what is recorded (reserved $0.04 each first).
    assertThat(ledger.entries()).extracting(e -> e.label()).containsExactly("asset generated-logo",
        "asset generated-background");
    assertThat(ledger.remaining()).contains(Money.usd("1.00"));
  }

  @Test
  void stopsBeforeACallThatWouldPassTheBudget(@TempDir Path dir) {
    CountingImages images = new CountingImages();
    AssetGeneration g = generator(images, dir, ProviderCache.disabled()).generate(request("run-1"),
        new CostLedger(Money.usd("0.03")));
    assertThat(images.calls()).isZero();
    assertThat(g.assets()).isEmpty();
    assertThat(g.warnings()).singleElement().asString().contains("generated-logo and the gaps after it not made")
        .contains("budget");
  }

  @Test
  void aFailedGapIsLeftAndTheNextTriedAndFailuresAreNotCached(@TempDir Path dir) {
    CountingImages images = new CountingImages().failNext(1);
    ProviderCache cache = ProviderCache.inMemory(10);
    AssetGenerator gen = generator(images, dir, cache);
    CostLedger ledger = new CostLedger();
    AssetGeneration g = gen.generate(request("run-1"), ledger);
    assertThat(g.assets()).extracting(GeneratedAsset::kind).containsExactly(GapKind.BACKGROUND);
    assertThat(g.warnings()).singleElement().asString().contains("generated-logo not made").contains("503");
    assertThat(ledger.entries()).hasSize(1);

    AssetGeneration again = gen.generate(request("run-2"), new CostLedger());
    assertThat(again.assets()).extracting(GeneratedAsset::cacheHit).containsExactly(false, true);
    assertThat(images.calls()).isEqualTo(3);
  }

  @Test
  void aCacheHitCallsTheProviderOnceCostsNothingAndCopiesIntoTheRun(@TempDir Path dir) {
    CountingImages images = new CountingImages();
    ProviderCache cache = ProviderCache.directory(dir.resolve("cache"));
    generator(images, dir.resolve("assets"), cache).generate(request("run-1"), new CostLedger());
    CostLedger second = new CostLedger();
    AssetGeneration g = generator(images, dir.resolve("assets"), ProviderCache.directory(dir.resolve("cache")))
        .generate(request("run-2"), second);

    assertThat(images.calls()).isEqualTo(2);
    assertThat(g.assets()).allSatisfy(a -> {
      assertThat(a.cacheHit()).isTrue();
      assertThat(a.cost()).isEqualTo(Money.ZERO);
      assertThat(a.media().path().toString()).contains("run-2");
      assertThat(Files.exists(a.media().path())).isTrue();
    });
    assertThat(second.entries()).allSatisfy(e -> {
      assertThat(Calls.isCacheHit(e)).isTrue();
      assertThat(e.label()).endsWith("(cache hit)");
    });
    assertThat(second.total()).isEqualTo(Money.ZERO);
  }

  @Test
  void aCachedFileThatIsGoneIsMadeAgain(@TempDir Path dir) throws Exception {
    CountingImages images = new CountingImages();
    ProviderCache cache = ProviderCache.inMemory(10);
    AssetGenerator gen = generator(images, dir, cache);
    AssetGeneration first = gen.generate(request("run-1"), new CostLedger());
    for (GeneratedAsset a : first.assets()) {
      Files.delete(a.media().path());
    }
    AssetGeneration again = gen.generate(request("run-2"), new CostLedger());
    assertThat(again.assets()).noneMatch(GeneratedAsset::cacheHit);
    assertThat(images.calls()).isEqualTo(4);
  }

  @Test
  void atMostMaxAssetsAreMade(@TempDir Path dir) {
    CountingImages images = new CountingImages();
    AssetGeneration g = generator(images, dir, ProviderCache.disabled()).generate(
        AssetRequest.builder().runId("r").gaps(GAPS).longSide(256).maxAssets(1).build(), new CostLedger());
    assertThat(g.assets()).hasSize(1);
    assertThat(g.warnings()).singleElement().asString().contains("generated-background not made").contains("at most 1");
  }
}
