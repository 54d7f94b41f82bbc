// An expected "no": the wrapper records it in the audit trail and shows its message, never a stack trace.
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "Refusal";
  }
}
