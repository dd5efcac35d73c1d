package dev.vcg.services.web.internal;

import java.net.URI;

/**
 * Makes URLs safe to print: no query, fragment or user info (signed URLs carry credentials
 * there), no control characters (log injection), at most 200 characters. Not API.
 */
public final class Redact {
  private static final int MAX = 200;

  private Redact() {
  }

  /**
   * @param url a URL, possibly malformed
   * @return the printable form
   */
  public static String url(URI url) {
    return url == null ? "<none>" : url(url.toString());
  }

  /**
   * @param url a URL, possibly malformed
   * @return the printable form
   */
  public static String url(String url) {
    if (url == null) {
      return "<none>";
    }
    String s = url;
    String tail = "";
    int q = s.indexOf('?');
    int f = s.indexOf('#');
    int cut = q < 0 ? f : (f < 0 ? q : Math.min(q, f));
    if (cut >= 0) {
      tail = s.charAt(cut) == '?' ? "?…" : "#…";
      s = s.substring(0, cut);
    }
    int start = s.indexOf("//");
    if (start >= 0) {
      int end = s.indexOf('/', start + 2);
      int back = s.indexOf('\\', start + 2);
      if (back >= 0 && (end < 0 || back < end)) {
        end = back;
      }
      if (end < 0) {
        end = s.length();
      }
      int at = s.lastIndexOf('@', end - 1);
      if (at > start + 1) {
        s = s.substring(0, start + 2) + "…@" + s.substring(at + 1);
      }
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX) + 4);
    for (int i = 0; i < s.length() && out.length() < MAX; i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (out.length() >= MAX && s.length() > MAX) {
      out.append('…');
    }
    return out.append(tail).toString();
  }

  /**
   * @param text untrusted text for a message or log line
   * @param max the most characters kept
   * @return the text without control characters, shortened
   */
  public static String text(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 1);
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    if (text.length() > max) {
      out.append('…');
    }
    return out.toString();
  }
}
