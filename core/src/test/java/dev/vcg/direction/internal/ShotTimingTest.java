package dev.vcg.direction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ShotTimingTest {
  static SortedSet<Integer> set(Integer... v) {
    return new TreeSet<>(java.util.List.of(v));
  }

  @Test
  void snapsToTheNearestAllowedLengthTiesGoingLonger() {
    assertThat(ShotTiming.snap(7.5, set(5, 10))).isEqualTo(10);
    assertThat(ShotTiming.snap(7.4, set(5, 10))).isEqualTo(5);
    assertThat(ShotTiming.snap(1e12, set(5, 10))).isEqualTo(10);
    assertThat(ShotTiming.snap(0.1, set(5, 10))).isEqualTo(5);
    assertThat(ShotTiming.snap(6.5, set(3, 4, 5, 6, 7, 8))).isEqualTo(7);
  }

  @Test
  void fitStopsAsSoonAsTheTotalIsWithinTheTolerance() {
    assertThat(ShotTiming.fit(new int[] {10, 10, 10, 10}, set(5, 10), 30, 5)).containsExactly(10, 10, 10, 5);
    assertThat(ShotTiming.fit(new int[] {10, 10, 10}, set(5, 10), 30, 5)).containsExactly(10, 10, 10);
  }

  @Test
  void fitLengthensTheShortestShotsFirst() {
    assertThat(ShotTiming.fit(new int[] {5, 3, 5, 3}, set(3, 4, 5, 6), 24, 0)).containsExactly(6, 6, 6, 6);
    assertThat(ShotTiming.fit(new int[] {5, 3, 5}, set(3, 4, 5, 6), 15, 0)).containsExactly(5, 5, 5);
  }

  @Test
  void fitGivesTheNearestAchievableWhenTheTargetIsOutOfReach() {
    assertThat(ShotTiming.fit(new int[] {5, 5}, set(5, 10), 60, 5)).containsExactly(10, 10);
    assertThat(ShotTiming.fit(new int[] {10, 10}, set(5, 10), 2, 0)).containsExactly(5, 5);
    // a step that would overshoot further than it helps is not taken
    assertThat(ShotTiming.fit(new int[] {5}, set(5, 30), 12, 1)).containsExactly(5);
  }

  @Test
  void termsMatchWholeWordsAndPluralsCaseInsensitively() {
    assertThat(Terms.mentions("Waves crash on the Lighthouses", "lighthouse")).isTrue();
    assertThat(Terms.mentions("bloodshed", "blood")).isFalse();
    assertThat(Terms.mentions("an Arabic engraving glows", "arabic engraving")).isTrue();
    assertThat(Terms.mentions(null, "x")).isFalse();
    assertThat(Terms.remove("a red sword, with blood, at night", "blood")).isEqualTo("a red sword, at night");
    assertThat(Terms.remove("blood", "blood")).isEmpty();
  }
}
