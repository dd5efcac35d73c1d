package dev.vcg.services.web.internal;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** The streams that frame, bound and decode an HTTP/1.1 body. Not API. */
public final class BodyStreams {
  private static final int MAX_LINE = 1024;

  private BodyStreams() {
  }

  /**
   * Reads from a socket with each read bounded by the read timeout and the deadline.
   *
   * @param socket the socket (its timeout is set before every read)
   * @param in its input
   * @param deadline the fetch's deadline
   * @param readTimeoutMillis the longest wait for the next bytes
   * @return the bounded stream
   */
  public static InputStream deadline(Socket socket, InputStream in, Deadline deadline, long readTimeoutMillis) {
    return new FilterInputStream(in) {
      private boolean boundedByDeadline;

      @Override
      public int read() throws IOException {
        arm();
        try {
          return super.read();
        } catch (IOException e) {
          throw classify(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        arm();
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          throw classify(e);
        }
      }

      private void arm() throws IOException {
        int timeout = deadline.timeoutMillis(readTimeoutMillis);
        boundedByDeadline = timeout < readTimeoutMillis;
        socket.setSoTimeout(timeout);
      }

      private IOException classify(IOException e) {
        boolean timedOut = e instanceof java.net.SocketTimeoutException;
        return deadline.expired() || (timedOut && boundedByDeadline) ? new DeadlineExceededException() : e;
      }
    };
  }

  /**
   * A body of known length.
   *
   * @param in the connection's input
   * @param length the declared length
   * @return a stream ending after {@code length} bytes; it fails if the connection ends sooner
   */
  public static InputStream fixedLength(InputStream in, long length) {
    return new InputStream() {
      private long left = length;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
          throw new EOFException("the body ended after " + (length - left) + " of " + length + " bytes");
        }
        left -= n;
        return n;
      }
    };
  }

  /**
   * A chunked body (RFC 9112 §7.1); trailers are read and dropped.
   *
   * @param in the connection's input
   * @return the de-chunked stream
   */
  public static InputStream chunked(InputStream in) {
    return new InputStream() {
      private long left;
      private boolean done;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
          return -1;
        }
        if (left == 0) {
          left = nextChunkSize();
          if (left == 0) {
            done = true;
            int lines = 0;
            while (!readLine(in, MAX_LINE).isEmpty()) {
              if (++lines > 100) {
                throw new HttpProtocolException("too many trailer fields");
              }
            }
            return -1;
          }
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
          throw new EOFException("the chunked body ended inside a chunk");
        }
        left -= n;
        if (left == 0 && !readLine(in, MAX_LINE).isEmpty()) {
          throw new HttpProtocolException("a chunk is not followed by CRLF");
        }
        return n;
      }

      private long nextChunkSize() throws IOException {
        String line = readLine(in, MAX_LINE);
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).trim();
        if (hex.isEmpty() || hex.length() > 15) {
          throw new HttpProtocolException("invalid chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
          int d = Character.digit(hex.charAt(i), 16);
          if (d < 0 || hex.charAt(i) > 'f') {
            throw new HttpProtocolException("invalid chunk size");
          }
          size = size * 16 + d;
        }
        return size;
      }
    };
  }

  /**
   * Counts bytes and fails once more than a limit have been read.
   *
   * @param in the stream
   * @param limit the most bytes allowed
   * @return the counting stream
   */
  public static InputStream limited(InputStream in, long limit) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          count += n;
          if (count > limit) {
            throw new RawLimitException(limit);
          }
        }
        return n;
      }
    };
  }

  /**
   * Decodes a {@code Content-Encoding}.
   *
   * @param in the framed body
   * @param encoding {@code gzip}, {@code deflate} (zlib or raw) or identity
   * @return the decoded stream
   * @throws HttpProtocolException if the encoding is not supported
   * @throws IOException if the compressed header cannot be read
   */
  public static InputStream decode(InputStream in, String encoding) throws IOException {
    switch (encoding) {
      case "", "identity":
        return in;
      case "gzip", "x-gzip":
        return new GZIPInputStream(in, 8192);
      case "deflate": {
        PushbackInputStream p = new PushbackInputStream(in, 2);
        byte[] head = new byte[2];
        int n = p.readNBytes(head, 0, 2);
        p.unread(head, 0, n);
        boolean zlib = n == 2 && (head[0] & 0x0F) == 8 && (((head[0] & 0xFF) << 8) | (head[1] & 0xFF)) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(p, inflater, 8192) {
          @Override
          public void close() throws IOException {
            try {
              super.close();
            } finally {
              inflater.end();
            }
          }
        };
      }
      default:
        throw new HttpProtocolException("unsupported Content-Encoding '" + Redact.text(encoding, 30) + "'");
    }
  }

  /**
   * Reads one header line (CRLF or LF), as ISO-8859-1.
   *
   * @param in the stream
   * @param max the longest line accepted
   * @return the line without its end
   * @throws IOException if the stream ends first or the line is too long
   */
  public static String readLine(InputStream in, int max) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the connection closed inside a header line");
      }
      if (c == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= max) {
        throw new HttpProtocolException("a header line is longer than " + max + " bytes");
      }
      sb.append((char) c);
    }
  }

  /** More raw (still encoded) bytes arrived than a body of the allowed size could need. */
  public static final class RawLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    RawLimitException(long limit) {
      super("more than " + limit + " encoded bytes");
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
