// An expected "no": the wrapper records it in the audit trail and shows its message, never a stack trace.
// `recorded` marks one whose outcome is already in the trail, so it is not recorded twice.
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly recorded = false,
  ) {
    super(message);
    this.name = "Refusal";
  }
}
