package org.examlab.harness.cli;

import java.util.concurrent.Callable;

/**
 * An {@code examlab} subcommand that lives in another module (a picocli {@code @Command}), found
 * with {@link java.util.ServiceLoader}: list the class in {@code
 * META-INF/services/org.examlab.harness.cli.PluggedCommand}. {@code examlab summary} (the
 * architecture module) is one.
 */
public interface PluggedCommand extends Callable<Integer> {}
