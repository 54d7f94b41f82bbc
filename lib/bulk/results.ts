import "server-only";
import type { RoleCeiling } from "@/lib/authz/gate";
import type { BulkRow } from "@/lib/db/schema";
import { toCsv } from "@/lib/format/csv";
import type { JobProgress } from "./jobs";

// What a bulk job's page shows and its result CSV holds, in one place.

/**
 * Every row's outcome, in upload order; the link where no email was sent, for the inviter to share, but only
 * to a viewer whose ceiling covers the row's roles (whoever holds a link can accept it, as Copy link says).
 */
export function resultsCsv(rows: BulkRow[], viewer: RoleCeiling): string {
  return toCsv([
    ["line", "email", "name", "roles", "state", "detail", "invitation_id", "invitation_url"],
    ...rows.map((row) => [
      row.line,
      row.email,
      row.name,
      row.roleNames.join(";"),
      row.state,
      row.detail,
      row.invitationId,
      viewer.covers(row.roleIds) ? row.invitationUrl : null,
    ]),
  ]);
}

/** The progress as the page polls it: plain JSON. */
export function progressJson({ job, counts, total, rate, secondsLeft }: JobProgress) {
  return {
    status: job.status,
    statusDetail: job.statusDetail,
    counts,
    total,
    rate: Math.round(rate * 10) / 10,
    secondsLeft,
  };
}
export type ProgressJson = ReturnType<typeof progressJson>;
