// The reason support staff give for acting on behalf of an organization: its length, apart from its schema
// (./support.ts) so the form can say it without loading zod before it checks a reason.

export const MIN_REASON = 5;
export const MAX_REASON = 200;
