package io.failwise.cli.runs;

import io.failwise.api.FailoverRun;
import java.util.List;

/** Where {@code failwise plan} says a problem of the run or the playbook comes from: a file's document, or an option. */
final class PlanProblems {
  private PlanProblems() {}

  /** The options that make a run from the command line, and the spec field each sets; a FailoverRun from the files has its own. */
  static final List<String[]> RUN_FIELDS = List.of(
      new String[] {"--source", "spec.source"}, new String[] {"--target", "spec.target"}, new String[] {"--mode", "spec.mode"},
      new String[] {"--playbook", "spec.playbook"}, new String[] {"--max-percent", "spec.drill.maxPercent"},
      new String[] {"--hold", "spec.drill.holdSeconds"});

  /**
   * A resolver's problem about the run or the playbook, named as validate names it when it comes from the
   * files ("runs.yaml, document 2 (FailoverRun r2): spec.source: ..."); for a run made of the options, by the
   * option that set the field ("--max-percent: ...").
   *
   * @param fileRun the FailoverRun of the files that is planned, or null for a run made of the options
   */
  static String where(String problem, ResourceSet set, String ns, ResourceSet.Sourced<FailoverRun> fileRun) {
    if (problem.startsWith("run: ") && fileRun != null) {
      return fileRun.doc().where() + ": " + problem.substring("run: ".length());
    }
    if (problem.startsWith("run: ")) {
      // A run made of the options: the option that set the field ("--max-percent: must be from 1 to 100, got -5").
      String rest = problem.substring("run: ".length());
      for (String[] o : RUN_FIELDS) {
        if (rest.startsWith(o[1] + ": ")) {
          return o[0] + ": " + rest.substring(o[1].length() + 2);
        }
      }
      return "the run the options make: " + rest;
    }
    for (var p : set.playbooks) {
      String prefix = "FailoverPlaybook " + p.resource().getMetadata().getName() + ": ";
      if (p.namespace().equals(ns) && problem.startsWith(prefix)) {
        return p.doc().where() + ": " + problem.substring(prefix.length());
      }
    }
    return problem;
  }
}
