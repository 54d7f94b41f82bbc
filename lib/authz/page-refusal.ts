import "server-only";
import { cache } from "react";

// A refused page answers 403 through Next's `forbidden()`, and its forbidden.tsx takes no props
// (https://nextjs.org/docs/app/api-reference/file-conventions/forbidden). The gate's reason reaches it
// through this slot, which React's `cache` keeps for one server render, that is one request.
// Next renders a segment's forbidden.tsx as part of that segment's layout, before the page has decided;
// so each gated segment's layout awaits the page's gate (one run a request, shared with the page), and the
// slot is filled by the time forbidden.tsx reads it.
const slot = cache((): { refusal?: { message: string; code: string } } => ({}));

export function noteRefusal(refusal: { message: string; code: string }): void {
  slot().refusal = { message: refusal.message, code: refusal.code };
}

/** Why this request's gate refused (throttled, blocked, not an inviter …), if it did. */
export function pageRefusal(): { message: string; code: string } | undefined {
  return slot().refusal;
}
