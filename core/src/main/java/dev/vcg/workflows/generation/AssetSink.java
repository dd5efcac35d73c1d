package dev.vcg.workflows.generation;

import dev.vcg.media.MediaRef;
import java.nio.file.Path;

/** Where a run keeps its frames, clips, video and thumbnail. Thread-safe. */
interface AssetSink {
  /**
   * Stores media (downloading a URL) under the run.
   *
   * @param runId the run
   * @param name what it is, e.g. {@code frame-3}
   * @param media the media
   * @return the stored file
   */
  MediaRef save(String runId, String name, MediaRef media);

  /**
   * A path inside the run's directory for a file the run writes itself (the stitched video, the
   * thumbnail); its directory exists.
   *
   * @param runId the run
   * @param fileName the file's name
   * @return the path
   */
  Path file(String runId, String fileName);
}
