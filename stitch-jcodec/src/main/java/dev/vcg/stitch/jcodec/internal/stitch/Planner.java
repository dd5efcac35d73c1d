package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.direction.TransitionType;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.StitchException;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchWarning;
import dev.vcg.media.Transition;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decides which frames are copied and which are re-encoded. Clips of the output's size and rate
 * are copied except where a transition changes their frames; since a copied run must start at
 * an IDR and end where decode order and display order agree, the re-encoded part is widened to
 * the nearest such points (a fade-out re-encodes only the tail of a clip; a fade-in or
 * crossfade into a clip re-encodes it up to its next IDR, which for single-GOP provider clips is
 * the whole clip). Clips of another size or rate are re-encoded whole.
 */
final class Planner {
  private static final int BLACK = 16;
  private static final int WHITE = 235;

  private Planner() {
  }

  static Plan plan(List<Clip> clips, StitchRequest request, Consumer<StitchWarning> warn) {
    int n = clips.size();
    Clip first = clips.get(0);
    int width = request.outputSize().map(s -> s.width()).orElse(first.width());
    int height = request.outputSize().map(s -> s.height()).orElse(first.height());
    double fps = request.frameRate().orElse(first.frameRate());

    boolean[] convert = new boolean[n];
    List<Slots> slots = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      Clip clip = clips.get(c);
      boolean sizeDiffers = clip.width() != width || clip.height() != height;
      boolean rateDiffers = !sameRate(clip.frameRate(), fps);
      convert[c] = sizeDiffers || rateDiffers;
      if (convert[c] && !clip.decodesExactly()) {
        String why = clip.undecodable != null ? clip.undecodable : "it uses " + String.join(", ", clip.hazards)
            + ", which the pure-Java decoder does not reproduce exactly";
        throw new StitchException(c, clip.file, Reason.UNSUPPORTED, "clip " + (c + 1) + " (" + clip.file + ") must be "
            + "re-encoded to " + (sizeDiffers ? width + "x" + height : "") + (sizeDiffers && rateDiffers ? " at " : "")
            + (rateDiffers ? fmt(fps) + " fps" : "") + ", but " + why + ". Give clips of one size and frame rate, "
            + "or re-encode this one with common settings (e.g. ffmpeg -c:v libx264)", null);
      }
      slots.add(convert[c] ? Slots.converted(clip, fps) : Slots.of(clip));
    }

    // Transitions, with frame counts; cuts where a clip cannot be decoded exactly.
    List<Transition> transitions = new ArrayList<>(request.transitions());
    int[] frames = new int[Math.max(0, n - 1)];
    for (int b = 0; b < n - 1; b++) {
      Transition t = transitions.get(b);
      if (t.isCut()) {
        continue;
      }
      int bad = !clips.get(b).decodesExactly() ? b : !clips.get(b + 1).decodesExactly() ? b + 1 : -1;
      if (bad >= 0) {
        Clip c = clips.get(bad);
        String why = c.undecodable != null ? c.undecodable : "it uses " + String.join(", ", c.hazards);
        warn.accept(new StitchWarning(StitchWarning.TRANSITION_REPLACED_BY_CUT, bad, "the " + t.type().wireName()
            + " between clips " + (b + 1) + " and " + (b + 2) + " was replaced by a cut: clip " + (bad + 1) + " ("
            + c.file.getFileName() + ") cannot be decoded exactly in pure Java because " + why));
        transitions.set(b, Transition.CUT);
        continue;
      }
      double seconds = t.duration().toNanos() / 1e9;
      frames[b] = (int) Math.max(1, Math.round((t.overlaps() ? seconds : seconds / 2) * fps));
    }
    shorten(slots, transitions, frames, warn);

    List<Plan.PieceSpec> pieces = new ArrayList<>();
    int[] slotPiece = new int[n];
    long[] slotOffset = new long[n];
    int lastPieceOfPrevious = -1;
    long blendOffset = 0;
    for (int c = 0; c < n; c++) {
      Clip clip = clips.get(c);
      Slots s = slots.get(c);
      int count = s.count();
      Transition before = c > 0 ? transitions.get(c - 1) : Transition.CUT;
      Transition after = c + 1 < n ? transitions.get(c) : Transition.CUT;
      int ownStart = before.overlaps() ? frames[c - 1] : 0;
      int fadeIn = !before.isCut() && !before.overlaps() ? frames[c - 1] : 0;
      int overlapNext = after.overlaps() ? frames[c] : 0;
      int fadeOut = !after.isCut() && !after.overlaps() ? frames[c] : 0;
      int fadeInColor = before.type() == TransitionType.FADE_WHITE ? WHITE : BLACK;
      int fadeOutColor = after.type() == TransitionType.FADE_WHITE ? WHITE : BLACK;
      TransitionType blend = after.overlaps() ? after.type() : null;
      int next = overlapNext > 0 ? c + 1 : -1;

      int firstPiece = pieces.size();
      if (before.overlaps()) {
        slotPiece[c] = lastPieceOfPrevious;
        slotOffset[c] = blendOffset;
      }
      int ownEnd = count - overlapNext;
      int copyFrom = -1;
      int copyTo = -1;
      if (!convert[c]) {
        int headMod = Math.max(ownStart, fadeIn);
        int tailMod = count - Math.max(overlapNext, fadeOut);
        int a = headMod == 0 ? 0 : firstCleanIdr(clip, headMod);
        if (a < tailMod) {
          int b = tailMod == count ? count : lastCleanCut(clip, a, tailMod);
          if (b > a) {
            copyFrom = a;
            copyTo = b;
          }
        }
      }
      long lastRenderOwn;
      if (copyFrom >= 0) {
        if (copyFrom > ownStart) {
          pieces.add(new Plan.Render(new RenderTask(c, ownStart, copyFrom, fadeIn, fadeInColor, 0, fadeOutColor, -1, 0,
              null)));
        }
        pieces.add(new Plan.Copy(c, copyFrom, copyTo));
        if (copyTo < count) {
          pieces.add(new Plan.Render(new RenderTask(c, copyTo, ownEnd, 0, fadeInColor, fadeOut, fadeOutColor, next,
              overlapNext, blend)));
          lastRenderOwn = s.durationOf(copyTo, ownEnd);
        } else {
          lastRenderOwn = 0;
        }
      } else if (ownEnd > ownStart || overlapNext > 0) {
        pieces.add(new Plan.Render(new RenderTask(c, ownStart, ownEnd, fadeIn, fadeInColor, fadeOut, fadeOutColor, next,
            overlapNext, blend)));
        lastRenderOwn = s.durationOf(ownStart, ownEnd);
      } else {
        lastRenderOwn = 0;
      }
      if (!before.overlaps()) {
        slotPiece[c] = firstPiece;
        slotOffset[c] = 0;
      }
      lastPieceOfPrevious = pieces.size() - 1;
      blendOffset = lastRenderOwn;
    }
    return new Plan(width, height, fps, slots, pieces, slotPiece, slotOffset);
  }

  /** Shortens transitions so no clip gives more frames to them than it has. */
  private static void shorten(List<Slots> slots, List<Transition> transitions, int[] frames,
                              Consumer<StitchWarning> warn) {
    int n = slots.size();
    boolean[] warned = new boolean[Math.max(0, n - 1)];
    int[] wanted = frames.clone();
    for (int pass = 0; pass < 4; pass++) {
      boolean changed = false;
      for (int c = 0; c < n; c++) {
        int count = slots.get(c).count();
        int head = c > 0 ? frames[c - 1] : 0;
        int tail = c + 1 < n ? frames[c] : 0;
        if (head + tail <= count) {
          continue;
        }
        changed = true;
        if (head > 0 && tail > 0) {
          int newHead = Math.max(0, (int) Math.floor((double) head * count / (head + tail)));
          frames[c - 1] = Math.min(frames[c - 1], newHead);
          frames[c] = Math.min(frames[c], count - frames[c - 1]);
        } else if (head > 0) {
          frames[c - 1] = count;
        } else {
          frames[c] = count;
        }
      }
      if (!changed) {
        break;
      }
    }
    for (int b = 0; b < n - 1; b++) {
      if (frames[b] < wanted[b] && !warned[b]) {
        warned[b] = true;
        Transition t = transitions.get(b);
        if (frames[b] <= 0) {
          transitions.set(b, Transition.CUT);
        }
        warn.accept(new StitchWarning(StitchWarning.TRANSITION_SHORTENED, b + 1, "the " + t.type().wireName()
            + " between clips " + (b + 1) + " and " + (b + 2) + " was shortened from " + wanted[b] + " to "
            + Math.max(0, frames[b]) + " frames because the clips are too short"));
      }
    }
  }

  /** The first display index at or after {@code from} where an IDR starts a clean split. */
  static int firstCleanIdr(Clip clip, int from) {
    for (int j = from; j < clip.frameCount(); j++) {
      if (clip.isIdr(j) && clip.cleanCut(j) && clip.displayIndex(j) == j) {
        return j;
      }
    }
    return clip.frameCount();
  }

  /** The last cut point in {@code (a, limit]} where decode and display order hold the same frames. */
  static int lastCleanCut(Clip clip, int a, int limit) {
    for (int m = limit; m > a; m--) {
      if (clip.cleanCut(m)) {
        return m;
      }
    }
    return -1;
  }

  /** Rates within 0.1% count as equal (timescale rounding). */
  static boolean sameRate(double a, double b) {
    return Math.abs(a - b) <= 0.001 * b;
  }

  private static String fmt(double fps) {
    return fps == Math.rint(fps) ? String.valueOf((long) fps) : String.format(java.util.Locale.ROOT, "%.3f", fps);
  }
}
