/**
 * An expected failure: the input, the file system or the cluster said no. Its message is written for the user
 * (it names the file or server and the reason); the CLI prints it on one line and exits 2, with no stack trace.
 * Anything else that escapes a command is a bug in shipshape.
 */
export class Failure extends Error {
  override name = 'Failure';
}
