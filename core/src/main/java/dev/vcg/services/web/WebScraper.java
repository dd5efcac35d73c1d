package dev.vcg.services.web;

import dev.vcg.services.web.internal.Redact;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a website's brand: title, description, headings, main text, calls to action, colours,
 * fonts, logo candidates, icons and images.
 *
 * <p>The page and up to {@link Builder#maxStylesheets(int) a few} of its stylesheets are fetched
 * through a {@link GuardedFetcher} (SSRF policy, deadline, size caps); jsoup only parses, it never
 * connects. Defaults: page ≤ 2 MB after decompression (a larger page is read up to the cap and the
 * result is marked {@link WebsiteAnalysis#truncated() truncated}), at most 10 stylesheets of
 * ≤ 512 KB each, ≤ 5 MB in total per scan, at most 4 fetches at once. A stylesheet that cannot be
 * read is skipped with a warning.
 *
 * <pre>{@code
 * WebsiteAnalysis site = WebScraper.create().scrape("https://example.com/");
 * site.colors();          // ["#0a66c2", "#ffffff", …]
 * site.callsToAction();   // [CallToAction[text=Get started, url=https://example.com/signup]]
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class WebScraper {
  private static final Logger LOG = LoggerFactory.getLogger(WebScraper.class);
  private static final List<String> PAGE_TYPES = List.of("text/html", "application/xhtml+xml");

  private final GuardedFetcher fetcher;
  private final Executor executor;
  private final long maxPageBytes;
  private final int maxStylesheets;
  private final long maxStylesheetBytes;
  private final long maxTotalBytes;
  private final int maxConcurrentFetches;
  private final int maxTextChars;

  private WebScraper(Builder b) {
    this.fetcher = b.fetcher;
    this.executor = b.executor;
    this.maxPageBytes = b.maxPageBytes;
    this.maxStylesheets = b.maxStylesheets;
    this.maxStylesheetBytes = b.maxStylesheetBytes;
    this.maxTotalBytes = b.maxTotalBytes;
    this.maxConcurrentFetches = b.maxConcurrentFetches;
    this.maxTextChars = b.maxTextChars;
  }

  /** @return a scraper with the defaults and a default {@link GuardedFetcher} */
  public static WebScraper create() {
    return builder().build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scrapes a page.
   *
   * @param url the untrusted URL of the page
   * @return what was found
   * @throws UrlRefusedException if the URL, a redirect or an address breaks the fetch policy
   * @throws ContentRefusedException if the page is not HTML
   * @throws WebFetchException if the page cannot be fetched
   */
  public WebsiteAnalysis scrape(String url) {
    Objects.requireNonNull(url, "url");
    FetchResult page = fetcher.fetch(FetchRequest.builder(url).acceptedTypes(PAGE_TYPES)
        .maxBytes(maxPageBytes).truncateAtLimit(true).build());
    Document doc = parse(page);
    List<String> warnings = Collections.synchronizedList(new ArrayList<>(page.warnings()));
    WebsiteAnalysis.Builder out = WebsiteAnalysis.builder().url(page.url()).truncated(page.truncated());
    CssScan css = new CssScan();
    PageExtractor.extract(doc, out, css, maxTextChars, warnings);
    String theme = PageExtractor.themeColor(doc).orElse(null);
    out.themeColor(theme);

    List<URI> sheets = PageExtractor.stylesheets(doc, Integer.MAX_VALUE);
    if (sheets.size() > maxStylesheets) {
      warnings.add("the page links " + sheets.size() + " stylesheets; only the first " + maxStylesheets + " were read");
      sheets = sheets.subList(0, maxStylesheets);
    }
    AtomicLong budget = new AtomicLong(maxTotalBytes - page.size());
    for (Sheet s : fetchStylesheets(sheets, budget, warnings)) {
      css.stylesheet(s.text);
      out.addStylesheet(s.url);
    }
    css.rankedColors(theme, PageExtractor.MAX_COLORS).forEach(out::addColor);
    css.rankedFonts(PageExtractor.MAX_FONTS).forEach(out::addFont);
    List<String> copy;
    synchronized (warnings) {
      copy = List.copyOf(warnings);
    }
    copy.forEach(out::addWarning);
    WebsiteAnalysis result = out.build();
    LOG.debug("scraped {}: {} stylesheets, {} colours, {} fonts, {} warnings", Redact.url(page.url()),
        result.stylesheets().size(), result.colors().size(), result.fonts().size(), result.warnings().size());
    return result;
  }

  private static Document parse(FetchResult page) {
    byte[] body = page.body();
    String charset = page.charset().filter(WebScraper::supported).orElse(null);
    try {
      // A null charset lets jsoup detect it from a BOM or <meta charset>, defaulting to UTF-8.
      return Jsoup.parse(new ByteArrayInputStream(body), charset, page.url().toString());
    } catch (IOException | RuntimeException e) {
      throw new ContentRefusedException(page.url().toString(), "the page cannot be parsed as HTML");
    }
  }

  private static boolean supported(String charset) {
    try {
      return Charset.isSupported(charset);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private record Sheet(URI url, String text) {
  }

  private List<Sheet> fetchStylesheets(List<URI> urls, AtomicLong budget, List<String> warnings) {
    if (urls.isEmpty()) {
      return List.of();
    }
    ExecutorService own = null;
    Executor exec = executor;
    if (exec == null) {
      AtomicInteger n = new AtomicInteger();
      own = Executors.newFixedThreadPool(Math.min(maxConcurrentFetches, urls.size()), r -> {
        Thread t = new Thread(r, "vcg-scrape-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      exec = own;
    }
    try {
      Semaphore permits = new Semaphore(maxConcurrentFetches);
      List<CompletableFuture<Sheet>> futures = new ArrayList<>();
      for (URI url : urls) {
        futures.add(CompletableFuture.supplyAsync(() -> {
          permits.acquireUninterruptibly();
          try {
            return fetchStylesheet(url, budget, warnings);
          } finally {
            permits.release();
          }
        }, exec));
      }
      List<Sheet> out = new ArrayList<>();
      for (CompletableFuture<Sheet> f : futures) {
        Sheet s = f.join();
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    } finally {
      if (own != null) {
        own.shutdownNow();
      }
    }
  }

  private Sheet fetchStylesheet(URI url, AtomicLong budget, List<String> warnings) {
    long reserve = reserve(budget, maxStylesheetBytes);
    if (reserve <= 0) {
      warnings.add("stylesheet " + Redact.url(url) + " skipped: the scan's " + maxTotalBytes + "-byte budget is spent");
      return null;
    }
    try {
      FetchResult r = fetcher.fetch(FetchRequest.builder(url).acceptedTypes("text/css").maxBytes(reserve)
          .truncateAtLimit(true).build());
      budget.addAndGet(reserve - r.size());
      if (r.truncated()) {
        warnings.add("stylesheet " + Redact.url(url) + " was cut at " + reserve + " bytes");
      }
      return new Sheet(url, r.text());
    } catch (RuntimeException e) {
      budget.addAndGet(reserve);
      String why = e instanceof UrlRefusedException u ? u.reason()
          : e instanceof ContentRefusedException c ? c.reason() : Redact.text(e.getMessage(), 200);
      warnings.add("stylesheet " + Redact.url(url) + " skipped: " + why);
      return null;
    }
  }

  private static long reserve(AtomicLong budget, long want) {
    while (true) {
      long left = budget.get();
      long take = Math.min(left, want);
      if (take <= 0) {
        return 0;
      }
      if (budget.compareAndSet(left, left - take)) {
        return take;
      }
    }
  }

  /** Builds a {@link WebScraper}. Not thread-safe. */
  public static final class Builder {
    private GuardedFetcher fetcher;
    private Executor executor;
    private long maxPageBytes = 2L * 1024 * 1024;
    private int maxStylesheets = 10;
    private long maxStylesheetBytes = 512L * 1024;
    private long maxTotalBytes = 5L * 1024 * 1024;
    private int maxConcurrentFetches = 4;
    private int maxTextChars = 10_000;

    private Builder() {
    }

    /**
     * @param fetcher fetches the page and stylesheets (default {@link GuardedFetcher#create()})
     * @return this builder
     */
    public Builder fetcher(GuardedFetcher fetcher) {
      this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
      return this;
    }

    /**
     * @param executor runs stylesheet fetches (default: threads of the scan's own, shut down after
     *     it); at most {@link #maxConcurrentFetches(int)} run at once either way
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * @param bytes the page's cap after decompression (default 2 MB)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPageBytes(long bytes) {
      this.maxPageBytes = positive(bytes, "maxPageBytes");
      return this;
    }

    /**
     * @param count stylesheets read per page, 0 to 50 (default 10)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxStylesheets(int count) {
      if (count < 0 || count > 50) {
        throw new IllegalArgumentException("maxStylesheets must be within 0..50: " + count);
      }
      this.maxStylesheets = count;
      return this;
    }

    /**
     * @param bytes each stylesheet's cap (default 512 KB)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxStylesheetBytes(long bytes) {
      this.maxStylesheetBytes = positive(bytes, "maxStylesheetBytes");
      return this;
    }

    /**
     * @param bytes all bytes read for one scan, page included (default 5 MB)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxTotalBytes(long bytes) {
      this.maxTotalBytes = positive(bytes, "maxTotalBytes");
      return this;
    }

    /**
     * @param count fetches at once, 1 to 16 (default 4)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxConcurrentFetches(int count) {
      if (count < 1 || count > 16) {
        throw new IllegalArgumentException("maxConcurrentFetches must be within 1..16: " + count);
      }
      this.maxConcurrentFetches = count;
      return this;
    }

    /**
     * @param chars the main text's cap (default 10 000 characters)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxTextChars(int chars) {
      this.maxTextChars = (int) positive(chars, "maxTextChars");
      return this;
    }

    /**
     * @return the scraper
     * @throws IllegalStateException if the page cap exceeds the total budget
     */
    public WebScraper build() {
      if (maxPageBytes > maxTotalBytes) {
        throw new IllegalStateException("maxPageBytes (" + maxPageBytes + ") must not exceed maxTotalBytes ("
            + maxTotalBytes + ")");
      }
      if (fetcher == null) {
        fetcher = GuardedFetcher.create();
      }
      return new WebScraper(this);
    }

    private static long positive(long v, String name) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + v);
      }
      return v;
    }
  }
}
