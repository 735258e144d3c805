package org.examlab.harness.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.examlab.harness.experiment.Experiment;
import org.examlab.harness.settings.RunSettings;

/**
 * A config after file, overrides and defaults have been bound and validated: the harness part, the
 * experiment's own settings record, and the merged tree written to the run's config.yaml.
 */
public record ResolvedConfig<C>(
    Path source,
    List<String> overrides,
    RunSettings run,
    Experiment<C> experiment,
    C settings,
    ObjectNode resolvedTree) {}
