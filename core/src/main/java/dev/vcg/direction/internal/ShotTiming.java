package dev.vcg.direction.internal;

import java.util.SortedSet;

/**
 * Fits shot lengths to the clip lengths a video model allows and to a target total. Shared by the
 * director's normaliser and the offline planner; not API.
 */
public final class ShotTiming {
  private ShotTiming() {
  }

  /**
   * The allowed length nearest to the wanted one; ties go to the longer.
   *
   * @param seconds wanted length
   * @param allowed allowed lengths, not empty
   * @return an allowed length
   */
  public static int snap(double seconds, SortedSet<Integer> allowed) {
    int best = allowed.first();
    for (int d : allowed) {
      if (Math.abs(d - seconds) <= Math.abs(best - seconds)) {
        best = d;
      }
    }
    return best;
  }

  /**
   * Moves shot lengths one allowed step at a time (shortening the longest or lengthening the
   * shortest shot) until the total is within {@code tolerance} of {@code target}, or no step
   * brings it closer. Deterministic.
   *
   * @param durations lengths, each one of {@code allowed}
   * @param allowed allowed lengths, not empty
   * @param target wanted total
   * @param tolerance accepted distance from the target
   * @return the fitted lengths (a new array)
   */
  public static int[] fit(int[] durations, SortedSet<Integer> allowed, double target, double tolerance) {
    int[] steps = allowed.stream().mapToInt(Integer::intValue).toArray();
    int[] idx = new int[durations.length];
    long sum = 0;
    for (int i = 0; i < durations.length; i++) {
      idx[i] = indexOf(steps, snap(durations[i], allowed));
      sum += steps[idx[i]];
    }
    while (Math.abs(sum - target) > tolerance) {
      boolean shorten = sum > target;
      int pick = -1;
      double current = Math.abs(sum - target);
      double bestDiff = current;
      for (int i = 0; i < idx.length; i++) {
        int j = shorten ? idx[i] - 1 : idx[i] + 1;
        if (j < 0 || j >= steps.length) {
          continue;
        }
        double diff = Math.abs(sum - steps[idx[i]] + steps[j] - target);
        if (diff >= current) {
          continue;
        }
        if (pick < 0 || diff < bestDiff || (diff == bestDiff && better(steps, idx, i, pick, shorten))) {
          bestDiff = diff;
          pick = i;
        }
      }
      if (pick < 0) {
        break;
      }
      int j = shorten ? idx[pick] - 1 : idx[pick] + 1;
      sum += steps[j] - steps[idx[pick]];
      idx[pick] = j;
    }
    int[] out = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = steps[idx[i]];
    }
    return out;
  }

  // Shorten the longest shot (the later one on ties), lengthen the shortest (the earlier one).
  private static boolean better(int[] steps, int[] idx, int candidate, int current, boolean shorten) {
    int c = steps[idx[candidate]];
    int p = steps[idx[current]];
    return shorten ? c >= p : c < p;
  }

  private static int indexOf(int[] steps, int value) {
    for (int i = 0; i < steps.length; i++) {
      if (steps[i] == value) {
        return i;
      }
    }
    throw new IllegalArgumentException(value + " is not an allowed length");
  }

  /**
   * @param durations lengths
   * @return their sum
   */
  public static long sum(int[] durations) {
    long s = 0;
    for (int d : durations) {
      s += d;
    }
    return s;
  }
}
