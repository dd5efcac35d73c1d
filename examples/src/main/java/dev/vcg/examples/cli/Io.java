package dev.vcg.examples.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command writes: results and JSON to {@code out}, progress and messages to {@code err}.
 *
 * @param out standard output
 * @param err standard error
 * @param interactive whether {@code err} is a terminal (progress bars) or not (plain lines)
 */
public record Io(PrintStream out, PrintStream err, boolean interactive) {
  /** Validates. */
  public Io {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /**
   * Reports progress on stderr: a bar on a terminal, otherwise a line every 10%.
   *
   * @param label what is progressing
   * @return a listener taking fractions from 0 to 1
   */
  public java.util.function.DoubleConsumer progress(String label) {
    return new java.util.function.DoubleConsumer() {
      private int last = -1;

      @Override
      public synchronized void accept(double fraction) {
        int pct = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100);
        if (interactive) {
          if (pct != last) {
            int filled = pct / 5;
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + pct + "%");
            if (pct == 100) {
              err.println();
            }
            err.flush();
          }
        } else if (pct / 10 != last / 10 || last < 0) {
          err.println(label + ": " + pct + "%");
        }
        last = pct;
      }
    };
  }
}
