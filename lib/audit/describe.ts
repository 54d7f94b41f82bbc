import type { AuditEvent } from "@/lib/db/schema";
import type { ActivityFilters } from "@/lib/schemas/activity";
import { AUDIT_ACTIONS, AUDIT_ACTIONS_DONE, AUDIT_OUTCOMES, INVITATION_FATES, PAGE_VIEWS, isAuditAction, isAuditOutcome, type AuditAction, type AuditOutcome } from "./vocabulary";

// One sentence per trail event, in the vocabulary's words, for the Activity page and its CSV export:
// "Alice Admin invited x@y.test — created", never "invite created" or "view viewed".

/** `count` is how many times a tallied row's refusal happened within its minute (one when absent). */
export type DescribableEvent = Pick<AuditEvent, "actorName" | "actorEmail" | "action" | "outcome" | "inviteeEmail" | "detail"> & { count?: number };

/** Outcomes that mean the action happened; any other (started, skipped, refused, failed) was only tried. */
const DONE: ReadonlySet<AuditOutcome> = new Set(["created", "replaced", "resent", "revoked", "copied", "emailed", "viewed", "done"]);
/** Whether the outcome only repeats the action ("viewed the members — viewed"): then the sentence ends with the detail, if any. */
const saidByTheAction = (action: AuditAction, outcome: string) => outcome === "done" || (outcome === "viewed" && PAGE_VIEWS.has(action));

/** What the action was done to: an address, an invitation, or the organization's invitations. */
function target(action: AuditAction, inviteeEmail: string | null | undefined): string {
  switch (action) {
    case "invite":
    case "reinvite":
      return inviteeEmail || "someone";
    case "revoke":
    case "resend":
    case "copy_link":
    case "accept":
    case "expire":
    case "remove_outside":
    case "remind":
    case "renew":
      return inviteeEmail ? `the invitation for ${inviteeEmail}` : "an invitation";
    case "view":
      return "the organization's pages";
    case "open_desk":
      return "the support desk";
    case "act_for":
    case "stop_acting":
      return "the organization";
    case "find":
      return "organizations";
    case "refresh_directory":
      return "the organization directory";
    case "view_support_activity":
      return "support's activity across organizations";
    case "view_webhook_deliveries":
      return "the webhook delivery log";
    case "bulk_job":
      return "a bulk job";
    case "refresh_ledger":
      return "the invitations from Auth0";
    case "refresh_members":
      return "the members from Auth0";
    case "change_member_roles":
      return inviteeEmail || "a member";
    case "remove_member":
      return `${inviteeEmail || "a member"} from the organization`;
    case "tighten_policy":
    case "remove_policy_tightening":
      return "the delegation policy";
    case "approve":
    case "deny":
      return inviteeEmail ? `the request to invite ${inviteeEmail}` : "a request for approval";
  }
}

/**
 * The sentence in two parts, so a page can set the ending apart: `lead` says who did (or tried) what,
 * `ending` how it ended and why. Viewing that succeeded has no ending: "viewed the invitations — viewed"
 * says nothing twice, nor does "began acting on behalf of the organization — done".
 */
export function eventParts(event: DescribableEvent): { lead: string; ending?: string } {
  const who = event.actorName.trim() || event.actorEmail || "Someone";
  const outcomeWord = isAuditOutcome(event.outcome) ? AUDIT_OUTCOMES[event.outcome] : event.outcome;
  const why = event.detail ? `: ${event.detail}` : "";
  if (!isAuditAction(event.action)) {
    // A row written by an older version of the app: say what it holds rather than hide it.
    return { lead: `${who} ${event.action}${event.inviteeEmail ? ` ${event.inviteeEmail}` : ""}`, ending: `${outcomeWord}${why}` };
  }
  const done = isAuditOutcome(event.outcome) && DONE.has(event.outcome);
  // Inviting with "replace", resending and re-inviting revoke the old invitation first, recorded under their
  // own action: what was done to that one was a revocation ("invited x — revoked" would say the opposite).
  const deed: AuditAction = done && event.outcome === "revoked" ? "revoke" : event.action;
  const what = target(deed, event.inviteeEmail);
  const times = event.count && event.count > 1 ? ` ${event.count} times` : "";
  // Auth0's doing, not a person's: "The invitation for x expired unused".
  if (INVITATION_FATES.has(deed) && event.outcome === "done") return { lead: capitalized(`${what} ${AUDIT_ACTIONS_DONE[deed]}`), ...(event.detail && { ending: event.detail }) };
  if (PAGE_VIEWS.has(deed) && event.outcome === "viewed" && deed === "view") {
    // An organization page's view names the page in its detail: "viewed the members 3 times".
    return { lead: `${who} viewed ${event.detail || what}${times}` };
  }
  if (PAGE_VIEWS.has(deed) && event.outcome === "refused") return { lead: `${who} was refused ${what}${times}`, ...(event.detail && { ending: event.detail }) };
  const lead = done ? `${who} ${AUDIT_ACTIONS_DONE[deed]} ${what}${times}` : `${who} tried to ${AUDIT_ACTIONS[deed]} ${what}${times}`;
  if (saidByTheAction(event.action, event.outcome)) return event.detail ? { lead, ending: event.detail } : { lead };
  return { lead, ending: `${outcomeWord}${why}` };
}

/** The whole sentence: "Carol Admin tried to view the invitations — refused: You may not …". */
export function describeEvent(event: DescribableEvent): string {
  const { lead, ending } = eventParts(event);
  return ending ? `${lead} — ${ending}` : lead;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** An action as a filter offers it: "Revoke an invitation". */
export function actionLabel(action: AuditAction): string {
  if (INVITATION_FATES.has(action)) return capitalized(`${target(action, undefined)} ${AUDIT_ACTIONS_DONE[action]}`);
  return capitalized(`${AUDIT_ACTIONS[action]} ${target(action, undefined)}`);
}

/** An outcome as a filter offers it: "Outcome unknown". */
export function outcomeLabel(outcome: AuditOutcome): string {
  return capitalized(AUDIT_OUTCOMES[outcome]);
}

/**
 * What a look at a trail covered, for the record of it: `filtered by actor "sam", action Invite someone,
 * from 2026-01-01`, or `unfiltered`.
 */
export function describeFilters(filters: ActivityFilters): string {
  const parts = [
    filters.actor && `actor "${filters.actor}"`,
    filters.organization && `organization "${filters.organization}"`,
    filters.reason && `reason "${filters.reason}"`,
    filters.action && `action ${actionLabel(filters.action)}`,
    filters.outcome && `outcome ${outcomeLabel(filters.outcome)}`,
    filters.from && `from ${filters.from}`,
    filters.to && `to ${filters.to}`,
  ].filter(Boolean);
  return parts.length > 0 ? `filtered by ${parts.join(", ")}` : "unfiltered";
}
