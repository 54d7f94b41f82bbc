import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { DataTable } from "@/components/data-table";
import { LocalTime } from "@/components/local-time";
import { Pager } from "@/components/pager";
import { deskPage, deskPageTitle } from "@/lib/authz/desk-page";
import { DELIVERY_STATUSES, describeWebhookLogFilters, parseWebhookLogQuery, webhookLogSearch, type DeliveryStatus } from "@/lib/schemas/webhook-log";
import { DELIVERY_EXPORT_LIMIT, deskDeliveryLog, shownEndpoint, statusLabel, type DeliveryLogEntry } from "@/lib/webhooks/log";

const PER_PAGE = 25;
const BASE = "/support/webhooks";
const HEADINGS = ["Created", "Status", "Event", "Organization", "Invitation or member", "Endpoint", "Attempts", "Last answer", "Last attempt", "Next attempt or settled"];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: await deskPageTitle("webhookDeliveries", "Webhook deliveries") };
}

const STATUS_STYLE: Record<DeliveryStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  delivered: "bg-green-100 text-green-900",
  given_up: "bg-red-700 text-white",
};

function DeliveryRow({ delivery }: { delivery: DeliveryLogEntry }) {
  const givenUp = delivery.status === "given_up";
  const settledOrNext = delivery.settledAt ?? (delivery.status === "pending" ? delivery.nextAttemptAt : null);
  return (
    <tr className={givenUp ? "bg-red-50" : undefined} data-testid="webhook-delivery">
      <td className="px-3 py-2"><LocalTime iso={delivery.createdAt.toISOString()} /></td>
      <td className="px-3 py-2">
        <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[delivery.status as DeliveryStatus] ?? ""}`}>{statusLabel(delivery.status)}</span>
      </td>
      <td className="px-3 py-2 font-mono text-xs">{delivery.eventType}</td>
      <td className="px-3 py-2 font-mono text-xs">{delivery.organizationId}</td>
      <td className="px-3 py-2 font-mono text-xs">{delivery.subjectId}</td>
      <td className="px-3 py-2 break-all">{shownEndpoint(delivery.endpointUrl)}</td>
      <td className="px-3 py-2 tabular-nums">{delivery.attempts}</td>
      <td className="px-3 py-2">
        {delivery.lastStatusCode !== null && <span className="tabular-nums">HTTP {delivery.lastStatusCode}</span>}
        {delivery.lastError && <span className="block text-xs text-zinc-700">{delivery.lastError}</span>}
      </td>
      <td className="px-3 py-2">{delivery.lastAttemptAt ? <LocalTime iso={delivery.lastAttemptAt.toISOString()} /> : "Not yet"}</td>
      <td className="px-3 py-2">{settledOrNext ? <LocalTime iso={settledOrNext.toISOString()} /> : ""}</td>
    </tr>
  );
}

/**
 * Every webhook delivery, newest first, for support staff and auditors: which event went where, and how its
 * attempts went. Given-up deliveries (their receiver never took them) are counted at the top and marked red.
 * It shows every organization's data, so each look is recorded.
 */
export default async function WebhookLogPage({ searchParams }: Props) {
  const { page, ...filters } = parseWebhookLogQuery(await searchParams);
  const ctx = await deskPage("webhookDeliveries", BASE, `page ${page + 1}, ${describeWebhookLogFilters(filters)}`);
  const log = await deskDeliveryLog(ctx, filters, { page, perPage: PER_PAGE });
  const filtered = Boolean(filters.status || filters.organization);

  return (
    <section className="space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">Webhook deliveries</h1>
        <p className="mt-1 text-zinc-700">
          Each event sent to each endpoint in WEBHOOK_ENDPOINTS: pending ones are retried with backoff, and given up on after
          WEBHOOK_GIVE_UP_HOURS. Endpoints are shown without their query; secrets and signatures are never shown.
        </p>
      </header>

      {log.givenUp > 0 && (
        <Alert tone="error">
          {log.givenUp === 1 ? "1 delivery was" : `${log.givenUp.toLocaleString("en")} deliveries were`} given up on
          {filters.organization ? ` for ${filters.organization}` : ""}: the receiver never took {log.givenUp === 1 ? "it" : "them"}.{" "}
          {filters.status !== "given_up" && (
            <Link prefetch={false} href={`${BASE}${webhookLogSearch({ ...filters, status: "given_up" })}`}>Show given-up deliveries</Link>
          )}
        </Alert>
      )}

      <form role="search" aria-label="Filter deliveries" action={BASE} className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="status" className="block text-sm font-medium">Status</label>
          <select id="status" name="status" defaultValue={filters.status ?? ""} className="mt-1 rounded border border-zinc-400 px-2 py-1.5">
            <option value="">All statuses</option>
            {(Object.keys(DELIVERY_STATUSES) as DeliveryStatus[]).map((status) => <option key={status} value={status}>{DELIVERY_STATUSES[status]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="organization" className="block text-sm font-medium">Organization id</label>
          <input id="organization" name="organization" defaultValue={filters.organization ?? ""} placeholder="org_…" aria-describedby="organization-hint" className="mt-1 rounded border border-zinc-400 px-2 py-1.5" />
          <span id="organization-hint" className="block text-xs text-zinc-600">The whole id, as the finder shows it.</span>
        </div>
        <button type="submit" className="rounded border border-zinc-300 bg-white px-3 py-1.5 hover:bg-zinc-100">Filter</button>
        {filtered && <Link prefetch={false} href={BASE} className="py-1.5">Clear filters</Link>}
      </form>

      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-zinc-700" data-testid="webhook-delivery-count">
          {log.total.toLocaleString("en")} {log.total === 1 ? "delivery" : "deliveries"}
          {filtered ? " match these filters" : ""}
        </p>
        {/* A plain link: the browser downloads it with the session cookie, and the route passes the gate itself. */}
        <a href={`${BASE}/export${webhookLogSearch(filters)}`} download className="text-sm">
          Download CSV{log.total > DELIVERY_EXPORT_LIMIT ? ` (the newest ${DELIVERY_EXPORT_LIMIT.toLocaleString("en")} of ${log.total.toLocaleString("en")})` : ""}
        </a>
      </div>

      <DataTable label="Webhook deliveries" caption="Webhook deliveries, newest first" headings={HEADINGS}>
        {log.rows.length === 0 && (
          <tr><td colSpan={HEADINGS.length} className="px-3 py-6 text-center text-zinc-600">{filtered ? "No delivery matches these filters." : "No webhook delivered yet."}</td></tr>
        )}
        {log.rows.map((delivery) => <DeliveryRow key={delivery.id} delivery={delivery} />)}
      </DataTable>
      <Pager page={log.page} pages={log.pages} href={(to) => `${BASE}${webhookLogSearch(filters, to)}`} />
      {ctx.actor.kind === "auditor" && <p className="text-sm text-zinc-700">You can read this log as an auditor.</p>}
    </section>
  );
}
