package org.examlab.harness.run;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Copies everything logged during a run into its run.log, in addition to the console; what is
 * logged to {@link #ONLY} goes to run.log alone (the stack trace of a fault the command reports in
 * one line).
 */
final class RunLog implements AutoCloseable {
  static final org.slf4j.Logger ONLY = LoggerFactory.getLogger("run.log");

  private final FileAppender<ILoggingEvent> appender;
  private final Logger root;
  private final Logger only;

  RunLog(Path file) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{ISO8601} %-5level %logger{24} - %msg%n");
    encoder.start();
    appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("run.log");
    appender.setFile(file.toString());
    appender.setEncoder(encoder);
    appender.start();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    only = context.getLogger(ONLY.getName());
    only.setAdditive(false);
    only.addAppender(appender);
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    only.detachAppender(appender);
    appender.stop();
  }
}
