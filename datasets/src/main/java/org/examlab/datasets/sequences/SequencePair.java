package org.examlab.datasets.sequences;

/** One example of a translation-like task: the source text and its one correct target text. */
public record SequencePair(String source, String target) {}
