package org.examlab.harness.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.examlab.harness.validation.ConfigException;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;
import org.examlab.harness.verdict.ClaimOrigin;
import org.examlab.harness.verdict.ClaimSpec;
import org.examlab.harness.verdict.Stance;

/**
 * {@code configs/claims/catalog.yaml}: every claim of the exams, and the config that decides it
 * (quick: 2-core CPU; full: GPU), or why nothing can.
 *
 * @param exams exam number ("000") to a one-line description of the document
 * @param quickSeconds a quick config's wall time measured on the 2-core development machine: with
 *     {@code --launcher local:N} a config this machine has never run starts in this order, longest
 *     first (a run of it here replaces the figure)
 */
public record ClaimCatalog(
    Map<String, String> exams,
    List<Entry> claims,
    List<Entry> project,
    Map<String, Double> quickSeconds) {
  public static final String DEFAULT_LOCATION = "configs/claims/catalog.yaml";
  static final Set<String> KINDS =
      Set.of("experiment", "computation", "demonstration", "untestable");

  public ClaimCatalog {
    exams = exams == null ? Map.of() : Map.copyOf(exams);
    quickSeconds = quickSeconds == null ? Map.of() : Map.copyOf(quickSeconds);
    quickSeconds.forEach((config, seconds) -> Require.positive("quickSeconds." + config, seconds));
    if (claims == null || claims.isEmpty()) {
      throw new InvalidSettingException("claims", "must list at least one claim");
    }
    claims = List.copyOf(claims);
    project = project == null ? List.of() : List.copyOf(project);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < claims.size(); i++) {
      if (!seen.add(claims.get(i).id())) {
        throw new InvalidSettingException(
            "claims[" + i + "].id", "'" + claims.get(i).id() + "' is listed twice");
      }
      if (claims.get(i).origin() == ClaimOrigin.PROJECT) {
        throw new InvalidSettingException(
            "claims[" + i + "].id",
            "'" + claims.get(i).id() + "' is a project claim's ID: list it under project");
      }
    }
    for (int i = 0; i < project.size(); i++) {
      if (!seen.add(project.get(i).id())) {
        throw new InvalidSettingException(
            "project[" + i + "].id", "'" + project.get(i).id() + "' is listed twice");
      }
      if (project.get(i).origin() != ClaimOrigin.PROJECT) {
        throw new InvalidSettingException(
            "project[" + i + "].id",
            "a project claim's ID is <exam-id>+<name>, got '" + project.get(i).id() + "'");
      }
    }
  }

  /** A catalog without wall-time figures. */
  public ClaimCatalog(Map<String, String> exams, List<Entry> claims, List<Entry> project) {
    this(exams, claims, project, Map.of());
  }

  /**
   * The catalog entry a verdict belongs to: the most specific one whose ID it carries, so a verdict
   * 000-8/additive goes to an entry 000-8/additive where there is one, not to 000-8.
   */
  public Optional<Entry> entryFor(String verdictId) {
    return entryFor(entries(), verdictId);
  }

  private static Optional<Entry> entryFor(List<Entry> list, String verdictId) {
    return list.stream()
        .filter(e -> e.decidedBy(verdictId))
        .max(java.util.Comparator.comparingInt(e -> e.id().length()));
  }

  /** The exam's claims, then the project's. */
  public List<Entry> entries() {
    return java.util.stream.Stream.concat(claims.stream(), project.stream()).toList();
  }

  /**
   * Why a config's claim does not fit the catalog (null if it does): its ID must be a catalog ID or
   * a part of one ({@code <id>/<part>}), a project claim's must be listed under project, and an
   * exam claim's stance must be the catalog's.
   */
  public String mismatch(ClaimSpec claim) {
    List<Entry> list = claim.origin() == ClaimOrigin.PROJECT ? project : claims;
    Optional<Entry> entry = entryFor(list, claim.id());
    if (entry.isEmpty()) {
      return "claim ID '"
          + claim.id()
          + "' is not in the claim catalog"
          + (claim.origin() == ClaimOrigin.PROJECT ? "'s project list" : "")
          + " ("
          + DEFAULT_LOCATION
          + ")";
    }
    Stance stance = entry.get().stance();
    if (claim.origin() == ClaimOrigin.EXAM && stance != null && stance != claim.stance()) {
      return "claim "
          + claim.id()
          + " gives the exam's stance as "
          + claim.stance().jsonName()
          + ", the catalog as "
          + stance.jsonName();
    }
    return null;
  }

  /**
   * One claim.
   *
   * @param id the exam claim ID: the exam's number, a dash, the claim's number ("003-6a")
   * @param topic what is claimed, in a line
   * @param quick the config (relative to configs/) that decides it on a 2-core CPU
   * @param full the config for a GPU box; the same rules on larger models and data
   * @param untestable why no measurement can decide it (then no configs)
   */
  public record Entry(
      String id,
      String topic,
      String kind,
      Stance stance,
      String quick,
      String full,
      String untestable) {
    public Entry {
      Require.nonBlank("id", id);
      if (!id.matches("\\d{3}-[A-Za-z0-9/.+-]+")) {
        throw new InvalidSettingException(
            "id", "must look like 000-7, 003-6a or 000-8+unseen, got '" + id + "'");
      }
      Require.nonBlank("topic", topic);
      if (kind != null && !KINDS.contains(kind)) {
        throw new InvalidSettingException(
            "kind", "must be one of " + KINDS + ", got '" + kind + "'");
      }
      if (untestable != null && (quick != null || full != null)) {
        throw new InvalidSettingException("untestable", "an untestable claim names no configs");
      }
    }

    public ClaimOrigin origin() {
      return id.contains("+") ? ClaimOrigin.PROJECT : ClaimOrigin.EXAM;
    }

    /**
     * A testable claim no config decides yet (at either size: some are decided only at full size).
     */
    public boolean pending() {
      return untestable == null && quick == null && full == null;
    }

    /**
     * A testable claim that has no config at this size (the 16-bit heads only at full size, say).
     */
    public boolean pending(boolean fullSize) {
      return untestable == null && config(fullSize) == null;
    }

    /** The exam document the claim comes from: the ID's first three digits. */
    public String exam() {
      return id.substring(0, 3);
    }

    public boolean testable() {
      return untestable == null;
    }

    public String config(boolean fullSize) {
      return fullSize ? full : quick;
    }

    /** A verdict decides this claim if it carries its ID or a part of it ("000-7/k-fold"). */
    public boolean decidedBy(String verdictId) {
      return verdictId.equals(id) || verdictId.startsWith(id + "/");
    }

    /** Selected by {@code --only}: the claim's ID, one of its parts' IDs, or its exam's number. */
    /**
     * Whether {@code --only only} selects this claim: its ID, its exam ("000"), an ID it is part of
     * ("003-6d/forward" selects "003-6d"), or a question it belongs to ("000-9" selects "000-9a",
     * "000-9c/12-bit" and "000-9e+helps-on-noisy-test", not "000-90").
     */
    public boolean selectedBy(String only) {
      return id.equals(only)
          || exam().equals(only)
          || only.startsWith(id + "/")
          || id.startsWith(only) && !Character.isDigit(id.charAt(only.length()));
    }
  }

  public static ClaimCatalog load(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("", file.toString(), "no claim catalog here");
    }
    try {
      return ConfigLoader.strictYamlMapper().readValue(file.toFile(), ClaimCatalog.class);
    } catch (JsonMappingException e) {
      String where =
          e.getLocation() == null ? file.toString() : file + ":" + e.getLocation().getLineNr();
      String key =
          e.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .reduce("", String::concat)
              .replaceFirst("^\\.", "");
      if (e.getCause() instanceof InvalidSettingException s) {
        throw new ConfigException(
            key.isEmpty() ? s.field() : key + "." + s.field(), where, s.getMessage());
      }
      throw new ConfigException(key, where, e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(
          "", file.toString(), "cannot read the claim catalog: " + e.getMessage());
    }
  }
}
