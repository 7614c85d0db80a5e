// Failures that are not about the data, each told in one line (zh / en) with its own exit code by the
// CLI: 2 for what the user asked (an option, a path), as `ftz --help` lists the codes.

export class CommandError extends Error {
  constructor(message: string, readonly exitCode: 2 | 3 | 4) {
    super(message);
  }
}
