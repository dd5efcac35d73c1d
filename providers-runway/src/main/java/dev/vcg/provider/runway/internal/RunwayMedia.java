package dev.vcg.provider.runway.internal;

import dev.vcg.InvalidInputException;
import dev.vcg.media.MediaRef;
import dev.vcg.media.MediaTypes;
import dev.vcg.provider.UnsupportedCapabilityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns frames into the URIs Runway takes: https URLs as they are, data URIs up to Runway's limit
 * of 5 MB <em>encoded</em> (5 × 1024 × 1024 characters), and anything larger uploaded as an
 * ephemeral {@code runway://} URI (or refused, when uploads are switched off). Only JPEG, PNG and
 * WebP are accepted.
 */
public final class RunwayMedia {
  /** Runway's limit for a data URI, in characters. */
  public static final int DATA_URI_LIMIT = 5 * 1024 * 1024;
  /** The largest local image read for sending. */
  public static final long MAX_IMAGE_BYTES = 32L * 1024 * 1024;

  private static final Set<String> TYPES = Set.of(MediaTypes.JPEG, MediaTypes.PNG, MediaTypes.WEBP);

  private RunwayMedia() {
  }

  /**
   * @param ref the frame
   * @param tasks the client, for uploads
   * @param uploads whether images too large for a data URI are uploaded
   * @param what for messages, e.g. {@code start frame}
   * @return the URI text for {@code promptImage} or {@code referenceImages}
   * @throws InvalidInputException if the frame is unreadable, not https, or not JPEG/PNG/WebP
   * @throws UnsupportedCapabilityException if it is too large for a data URI and uploads are off
   */
  public static String uri(MediaRef ref, RunwayTasks tasks, boolean uploads, String what) {
    byte[] data;
    String type;
    if (ref instanceof MediaRef.Url u) {
      String scheme = u.uri().getScheme().toLowerCase(Locale.ROOT);
      if (scheme.equals("https")) {
        return u.uri().toString();
      }
      if (scheme.equals("http")) {
        throw new InvalidInputException("Runway fetches only https URLs; the " + what + " is " + ref
            + ": pass an https URL, a local file or bytes");
      }
      String text = u.uri().toString();
      if (text.length() <= DATA_URI_LIMIT) {
        return text;
      }
      data = MediaTypes.decodeDataUri(text, MAX_IMAGE_BYTES);
      type = MediaTypes.sniff(data).orElse(null);
    } else {
      data = MediaRef.readLocal(ref, MAX_IMAGE_BYTES);
      Optional<String> sniffed = MediaTypes.sniff(data);
      type = sniffed.orElse(ref.contentType().orElse(null));
    }
    if (type == null || !TYPES.contains(type)) {
      throw new InvalidInputException("Runway takes JPEG, PNG or WebP images; the " + what + " is "
          + (type == null ? "of an unknown type" : type));
    }
    long encoded = "data:".length() + type.length() + ";base64,".length() + 4L * ((data.length + 2) / 3);
    if (encoded <= DATA_URI_LIMIT) {
      return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(data);
    }
    if (!uploads) {
      throw new UnsupportedCapabilityException("runway", "the " + what + " is " + data.length + " bytes, "
          + encoded + " characters as a data URI, over Runway's 5 MB data URI limit; pass an https URL, a smaller"
          + " image, or allow ephemeral uploads (option uploads=true)");
    }
    return tasks.upload(data, type);
  }
}
