package org.examlab.harness.backend;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * SameDiff 1.0.0-M2.1 prints a line per op to System.out while it builds a gradient function, and
 * Exam Lab's stdout carries results: run that work with stdout muted.
 */
public final class SameDiffQuiet {
  private SameDiffQuiet() {}

  public static <T> T call(Supplier<T> work) {
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return work.get();
    } finally {
      System.setOut(out);
    }
  }

  public static void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }
}
