package org.examlab.harness.training;

/**
 * Implemented by a batch source that knows how many mini-batches an epoch has, so that the progress
 * bar can show an ETA; a source that does not is still trained, with a bar that counts epochs'
 * batches as they come.
 */
public interface EpochBatches {
  long batchesPerEpoch();
}
