package io.failwise.cli.runs;

import picocli.CommandLine.Option;

/** What a person gives when they ask something of one run (abort, resolve): its namespace, who asks, and why. */
final class RunRequestOptions {
  @Option(names = {"-n", "--namespace"}, description = "Namespace of the run (default: the kubeconfig's).")
  String namespace;

  @Option(names = "--as", paramLabel = "WHO", description = "Who asks, for the record (default: your login name).")
  String as;

  @Option(names = "--reason", description = "Why, or what was done, for the record and the report.")
  String reason;
}
