package org.examlab.harness.verdict;

/**
 * Whether one training (an arm, for one seed) finished learning, as the trainer judged it.
 *
 * @param task the training's name ("lstm/len20")
 * @param reason the trainer's one-line account ("converged: smoothed loss changed 0.4% over ...")
 */
public record ArmConvergence(String task, long seed, int epochs, boolean converged, String reason) {}
