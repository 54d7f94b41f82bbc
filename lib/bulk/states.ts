// The words of bulk onboarding, defined once: a job's status and a row's state.

/** draft: previewed, not started; running: workers send it; paused/cancelled: by a person; stopped: the
 *  creator lost the right to invite (or Auth0 refused the job's settings); done: every row settled. */
export const JOB_STATUSES = ["draft", "running", "paused", "cancelled", "stopped", "done"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** queued: waiting; sending: a worker holds it (after its lease, the outcome is unknown and is looked up
 *  before any resend); sent: Auth0 holds the invitation; skipped: never to be sent, with why; failed: Auth0
 *  refused it, with Auth0's message; merged: a repeat of an earlier line's address, sent as that line. */
export const ROW_STATES = ["queued", "sending", "sent", "skipped", "failed", "merged"] as const;
export type RowState = (typeof ROW_STATES)[number];
