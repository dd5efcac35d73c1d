package dev.vcg.media;

import java.util.List;

/**
 * Keeps the media of a run (frames, clips, downloaded provider results) under names that cannot
 * escape the store, whatever a run id or a provider-supplied name contains.
 *
 * <p>Implementations must be thread-safe, write atomically (a reader sees the whole old file or
 * the whole new one, never a partial file), check content by magic bytes, and download remote
 * URLs only through the guarded downloader, never sending credentials to asset hosts.
 * {@link LocalAssetStore} is the default.
 */
public interface AssetStore {

  /**
   * Stores media for a run.
   *
   * @param runId the run or operation id; any string, it is sanitised
   * @param name a name for the asset (any string, sanitised; a media extension is dropped), or
   *     null to name it by a hash of its content
   * @param media bytes, a local file, a {@code data:} URL or a remote http(s) URL (downloaded
   *     through the SSRF guard with size caps)
   * @return the stored file, with the MIME type detected from its content; its extension follows
   *     that type
   * @throws MediaException {@link MediaException.Reason#NOT_MEDIA} if the content is not an allowed
   *     image or video or disagrees with its declared type, {@link MediaException.Reason#TOO_LARGE}
   *     over the size cap, {@link MediaException.Reason#NOT_FOUND} for an unreadable source file,
   *     {@link MediaException.Reason#OUTPUT_FAILED} if the store cannot write
   * @throws dev.vcg.services.web.UrlRefusedException if a remote URL breaks the fetch policy
   * @throws dev.vcg.services.web.WebFetchException if a download fails or stalls
   */
  MediaRef.File store(String runId, String name, MediaRef media);

  /**
   * Lists what a run stored.
   *
   * @param runId the run or operation id, as given to {@link #store}
   * @return the stored files, by name; empty if the run stored nothing
   * @throws MediaException {@link MediaException.Reason#OUTPUT_FAILED} if the store cannot be read
   */
  List<MediaRef.File> list(String runId);

  /**
   * Deletes everything a run stored.
   *
   * @param runId the run or operation id, as given to {@link #store}
   * @throws MediaException {@link MediaException.Reason#OUTPUT_FAILED} if something cannot be deleted
   */
  void delete(String runId);
}
