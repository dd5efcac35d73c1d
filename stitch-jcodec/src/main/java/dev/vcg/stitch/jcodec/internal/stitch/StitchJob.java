package dev.vcg.stitch.jcodec.internal.stitch;

import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.media.StitchException;
import dev.vcg.media.StitchListener;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.StitchWarning;
import dev.vcg.provider.ImageSize;
import dev.vcg.stitch.jcodec.internal.clip.Clip;
import dev.vcg.stitch.jcodec.internal.mp4.Mp4Writer;
import dev.vcg.stitch.jcodec.internal.mp4.OutputTrack;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One stitch: probe, plan, render what must be re-encoded, join, write, publish. */
public final class StitchJob {
  private static final Logger LOG = LoggerFactory.getLogger(StitchJob.class);

  private final StitchRequest request;
  private final Executor executor;
  private final EncoderSettings encoder;
  private final List<StitchWarning> warnings = new ArrayList<>();
  private double progress;

  /**
   * @param request what to stitch
   * @param executor where independent re-encoded pieces run, or null for a private pool
   * @param encoder settings for re-encoded frames
   */
  public StitchJob(StitchRequest request, Executor executor, EncoderSettings encoder) {
    this.request = request;
    this.executor = executor;
    this.encoder = encoder;
  }

  /**
   * Runs the stitch.
   *
   * @return the result
   * @throws StitchException on any failure; nothing is left at the output path
   */
  public StitchResult run() {
    Path output = request.output();
    List<Clip> clips = probeAll();
    Path temp;
    try {
      temp = OutputFiles.temporaryFor(output);
    } catch (MediaException e) {
      throw new StitchException(output, e.reason(), e.getMessage(), e);
    }
    List<Path> tempPieces = new ArrayList<>();
    boolean published = false;
    try {
      Plan plan = Planner.plan(clips, request, this::warn);
      report(0.02);
      List<VideoPiece> pieces = Renderer.render(plan, clips, encoder, executor, output, tempPieces,
          f -> report(0.02 + 0.88 * f));
      VideoTimeline video = VideoTimeline.join(pieces, plan.width(), plan.height());
      List<Path> sources = new ArrayList<>(video.sources);
      long[][] slots = plan.audioSlots(video);
      OutputTrack audio = null;
      if (request.includeAudio()) {
        AudioJoiner.Result a = AudioJoiner.join(clips, slots, video.timescale, sources);
        a.warnings().forEach(this::warn);
        audio = a.track();
      }
      long bytes;
      List<FileChannel> channels = new ArrayList<>();
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        for (Path p : sources) {
          channels.add(FileChannel.open(p, StandardOpenOption.READ));
        }
        List<OutputTrack> tracks = new ArrayList<>();
        tracks.add(video.track);
        tracks.add(audio);
        bytes = Mp4Writer.write(out, channels, tracks, video.timescale, video.duration, f -> report(0.9 + 0.1 * f));
      } finally {
        for (FileChannel ch : channels) {
          closeQuietly(ch);
        }
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted");
      }
      OutputFiles.publish(temp, output);
      published = true;
      LOG.debug("stitched {} clips into {} ({} bytes, {} copied and {} encoded frames)", clips.size(), output, bytes,
          video.copiedFrames, video.encodedFrames);
      return StitchResult.builder()
          .output(output)
          .duration(Duration.ofNanos(Math.round(video.duration * 1e9 / video.timescale)))
          .frameCount(video.track.count())
          .size(new ImageSize(plan.width(), plan.height()))
          .audio(audio != null)
          .frames(video.copiedFrames, video.encodedFrames)
          .sizeBytes(bytes)
          .warnings(warnings)
          .build();
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new StitchException(output, Reason.CANCELLED, "stitching " + output + " was interrupted; nothing was written", e);
    } catch (IOException e) {
      throw new StitchException(output, Reason.OUTPUT_FAILED, "cannot write " + output + ": " + e.getMessage(), e);
    } catch (MediaException e) {
      if (e instanceof StitchException se) {
        throw se;
      }
      int clip = e.file().map(request.clips()::indexOf).orElse(-1);
      throw new StitchException(clip, e.file().orElse(null), e.reason(),
          (clip >= 0 ? "clip " + (clip + 1) + ": " : "") + e.getMessage(), e);
    } finally {
      if (!published) {
        OutputFiles.deleteQuietly(temp);
      }
      tempPieces.forEach(OutputFiles::deleteQuietly);
    }
  }

  private List<Clip> probeAll() {
    List<Clip> clips = new ArrayList<>();
    List<Path> paths = request.clips();
    for (int i = 0; i < paths.size(); i++) {
      Path p = paths.get(i);
      try {
        Clip c = Clip.open(p);
        c.requireStitchable();
        clips.add(c);
      } catch (MediaException e) {
        throw new StitchException(i, p, e.reason(), "clip " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return clips;
  }

  private void warn(StitchWarning w) {
    synchronized (warnings) {
      warnings.add(w);
    }
    LOG.debug("stitch warning {}: {}", w.code(), w.message());
    try {
      request.listener().onWarning(w);
    } catch (RuntimeException e) {
      LOG.warn("stitch listener failed on a warning; ignored", e);
    }
  }

  private synchronized void report(double fraction) {
    if (fraction <= progress) {
      return;
    }
    progress = fraction;
    StitchListener l = request.listener();
    try {
      l.onProgress(Math.min(1, fraction));
    } catch (RuntimeException e) {
      LOG.warn("stitch listener failed on progress; ignored", e);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // Read-only channel: nothing to lose.
    }
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
