import "server-only";
import { cache } from "react";

// A refused page answers 403 through Next's `forbidden()`, and its forbidden.tsx takes no props
// (https://nextjs.org/docs/app/api-reference/file-conventions/forbidden). The gate's reason reaches it
// through this slot, which React's `cache` keeps for one server render, that is one request.
// Next renders a segment's forbidden.tsx as part of that segment's layout, before the page has decided;
// so each gated segment's layout awaits the page's gate (one run a request, shared with the page), and the
// slot is filled by the time forbidden.tsx reads it.
const slot = cache((): { message?: string } => ({}));

export function noteRefusal(message: string): void {
  slot().message = message;
}

/** The reason this request's gate refused, if it did. */
export function refusalMessage(): string | undefined {
  return slot().message;
}
