package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.media.StitchWarning;
import dev.vcg.stitch.jcodec.internal.audio.AacConfig;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import dev.vcg.stitch.jcodec.internal.mp4.Mp4Track;
import dev.vcg.stitch.jcodec.internal.mp4.OutputTrack;
import dev.vcg.stitch.jcodec.internal.mp4.SampleTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies the clips' AAC audio into one track, in sync with the video. Each clip's audio is
 * placed so that its first real sample (after the encoder's priming) starts where the clip's
 * video starts, to within half an audio frame: whole frames are skipped (leading priming,
 * trailing padding) or silent frames inserted (gaps, clips without audio). The error never
 * accumulates because every clip is placed against its own absolute target.
 */
final class AudioJoiner {
  private AudioJoiner() {
  }

  /** The result: the track, or why there is none. */
  record Result(OutputTrack track, List<StitchWarning> warnings) {
  }

  /**
   * @param clips the clips, in order
   * @param slots for each clip, [start, end) of its part of the output in video output units
   * @param videoTimescale units of {@code slots}
   * @param sources the joined source list (files are added as needed)
   * @return the audio track (null if none) and warnings
   */
  static Result join(List<Clip> clips, long[][] slots, long videoTimescale, List<Path> sources) {
    List<StitchWarning> warnings = new ArrayList<>();
    Clip reference = null;
    for (Clip c : clips) {
      if (c.audio != null) {
        reference = c;
        break;
      }
    }
    if (reference == null) {
      return new Result(null, warnings);
    }
    // Every clip with audio must be AAC with the same configuration and frame duration.
    long frame = frameDuration(reference.audio.samples());
    for (int i = 0; i < clips.size(); i++) {
      Clip c = clips.get(i);
      if (c.audio == null) {
        continue;
      }
      String problem = null;
      if (c.aac == null) {
        problem = "clip " + (i + 1) + " (" + c.file.getFileName() + ") has " + c.audio.entryType()
            + " audio; only AAC can be copied";
      } else if (reference.aac == null || !c.aac.compatibleWith(reference.aac)
          || c.audio.timescale() != reference.audio.timescale() || frameDuration(c.audio.samples()) != frame) {
        problem = "clip " + (i + 1) + " (" + c.file.getFileName() + ") has audio in another format ("
            + describe(c) + ") than clip " + (clips.indexOf(reference) + 1) + " (" + describe(reference)
            + "); audio can only be copied when all clips agree";
      }
      if (problem != null) {
        warnings.add(new StitchWarning(StitchWarning.AUDIO_DROPPED, i, problem + ". The output has no audio."));
        return new Result(null, warnings);
      }
    }
    byte[] silence = reference.aac.silentFrame();
    long audioTs = reference.audio.timescale();
    boolean missing = clips.stream().anyMatch(c -> c.audio == null);
    if (missing && silence == null) {
      warnings.add(new StitchWarning(StitchWarning.AUDIO_DROPPED, -1, "some clips have no audio and silence cannot "
          + "be generated for " + reference.aac.profileName() + " " + reference.aac.channels()
          + " channels; the output has no audio"));
      return new Result(null, warnings);
    }
    if (missing) {
      for (int i = 0; i < clips.size(); i++) {
        if (clips.get(i).audio == null) {
          warnings.add(new StitchWarning(StitchWarning.SILENCE_INSERTED, i, "clip " + (i + 1) + " ("
              + clips.get(i).file.getFileName() + ") has no audio; silence was inserted for it"));
        }
      }
    }

    byte[] entry = SampleEntries.withoutChildren(reference.audio.sampleEntry(),
        reference.audio.entryChildrenOffset(), Set.of("btrt"));
    OutputTrack out = new OutputTrack("soun", audioTs, entry, 0, 0);
    long priming0 = reference.audio.presentationStart();
    out.editMediaTime(priming0);
    out.rollGroup(reference.audio.rollGroup());

    Map<Path, Integer> index = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      index.put(sources.get(i), i);
    }
    long x = 0;
    int removable = 0;
    for (int c = 0; c < clips.size(); c++) {
      Clip clip = clips.get(c);
      if (clip.audio == null) {
        removable = 0;
        continue;
      }
      Mp4Track a = clip.audio;
      SampleTable s = a.samples();
      long priming = a.presentationStart();
      long content = a.presentedDuration(clip.movie.movieTimescale());
      long slotStart = VideoTimeline.rescale(slots[c][0], videoTimescale, audioTs);
      long slotLength = VideoTimeline.rescale(slots[c][1] - slots[c][0], videoTimescale, audioTs);
      long target = slotStart + priming0;
      long shift = Math.round((double) (x + priming - target) / frame);
      if (shift > 0) {
        // Ahead: drop the previous clip's trailing padding first, then this clip's leading frames.
        int r = (int) Math.min(shift, removable);
        out.removeLast(r);
        x -= r * frame;
        shift -= r;
      } else if (shift < 0) {
        for (long k = shift; k < 0; k++) {
          out.add(-1, 0, 0, silence, frame, 0, true);
          x += frame;
        }
        shift = 0;
      }
      long slotEnd = priming + Math.min(content, slotLength);
      long contentEnd = priming + content;
      int src = index.computeIfAbsent(clip.file, f -> {
        sources.add(f);
        return sources.size() - 1;
      });
      removable = 0;
      for (int i = (int) Math.min(shift, s.count()); i < s.count(); i++) {
        if (s.dts(i) >= slotEnd) {
          break;
        }
        out.add(src, s.offset(i), s.size(i), null, frame, 0, true);
        x += frame;
        removable = s.dts(i) >= contentEnd ? removable + 1 : 0;
      }
    }
    // Fill to the end of the video with silence (or leave it to the edit list when ahead).
    long end = VideoTimeline.rescale(slots[clips.size() - 1][1], videoTimescale, audioTs) + priming0;
    if (silence != null) {
      while (x + frame / 2 < end) {
        out.add(-1, 0, 0, silence, frame, 0, true);
        x += frame;
      }
    }
    return new Result(out.count() == 0 ? null : out, warnings);
  }

  private static String describe(Clip c) {
    if (c.aac == null) {
      return c.audio.entryType();
    }
    return c.aac.profileName() + " " + c.aac.sampleRate() + " Hz " + c.aac.channels() + " ch";
  }

  /** The usual packet duration (the most frequent stts delta). */
  static long frameDuration(SampleTable s) {
    Map<Long, Integer> counts = new HashMap<>();
    long best = 1024;
    int bestCount = 0;
    for (int i = 0; i < s.count(); i++) {
      long d = s.duration(i);
      int n = counts.merge(d, 1, Integer::sum);
      if (n > bestCount) {
        bestCount = n;
        best = d;
      }
    }
    return Math.max(1, best);
  }
}
