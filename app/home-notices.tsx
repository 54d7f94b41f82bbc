import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { relativeTime } from "@/lib/format/relative-time";
import type { OrganizationScope } from "@/lib/notifications/scope";
import { sinceLastVisit } from "@/lib/notifications/since-last-visit";
import { noticeHeadline } from "@/lib/notifications/wording";
import { NoteVisit } from "./note-visit";

/** "Since your last visit": what became of the person's invitations (lib/notifications/visits.ts says what a visit is). */
export async function HomeNotices({ userId, organizations }: { userId: string; organizations: OrganizationScope }) {
  const { since, notices } = await sinceLastVisit(userId, organizations);
  return (
    <section aria-labelledby="since-last-visit" className="rounded-lg border border-zinc-200 bg-white p-6">
      <NoteVisit />
      <h2 id="since-last-visit" className="text-xl font-semibold">Since your last visit</h2>
      <p className="text-sm text-zinc-600">
        {since ? <>What became of your invitations since <LocalTime iso={since.toISOString()} lead={relativeTime(since.toISOString())} />.</> : "What became of your invitations in the last 30 days."}
      </p>
      {notices.length === 0 ? (
        <p className="mt-2">Nothing new: none of your invitations was accepted, used up by another account, or expired since then.</p>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-200" aria-label="Since your last visit">
          {notices.map((notice) => (
            <li key={notice.id} className="py-2" data-testid="notice">
              <span>{noticeHeadline(notice)}.</span>{" "}
              <Link prefetch={false} href={`/orgs/${notice.organizationId}/invitations/${notice.invitationId}`}>
                History of the invitation for {notice.inviteeEmail}
              </Link>
              <div className="text-sm text-zinc-600"><LocalTime iso={notice.occurredAt.toISOString()} lead={relativeTime(notice.occurredAt.toISOString())} /></div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
