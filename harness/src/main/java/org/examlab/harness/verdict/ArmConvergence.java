package org.examlab.harness.verdict;

/**
 * Whether one training (an arm, for one seed) finished learning, as the trainer judged it.
 *
 * @param task the training's name ("lstm/len20")
 * @param reason the trainer's one-line account ("converged: the last 5 epochs lowered the smoothed
 *     loss by 0.4% of its fall ...")
 */
public record ArmConvergence(
    String task, long seed, int epochs, boolean converged, String reason) {}
