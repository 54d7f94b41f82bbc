import "server-only";
import http from "node:http";
import https from "node:https";
import { and, asc, eq, isNull, lt, lte, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { Webhook } from "standardwebhooks";
import { webhookDeliveries, type WebhookDelivery } from "@/lib/db/schema";
import type { Database } from "@/lib/db/store";
import { eventsAwaitingFanOut, markFannedOut } from "@/lib/ledger/events";
import { publicOnlyLookup, refuseInternalLiteral } from "./address";
import { receives, type WebhookEndpoint } from "./config";

// Webhook delivery: at least once, in order per subject (an invitation, a member) and endpoint, signed per the Standard Webhooks
// specification (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md)
// with its own library, retried with backoff and given up on after a while, every attempt's outcome kept in
// `webhook_deliveries`. lib/webhooks/queue.ts runs `deliverDue` on pg-boss.

export type DeliverySettings = {
  endpoints: WebhookEndpoint[];
  /** Lets endpoints resolve to loopback, link-local and private addresses (lib/webhooks/address.ts). */
  allowPrivate: boolean;
  /** The first retry's delay; each next one doubles, up to an hour. */
  retryBaseSeconds: number;
  /** A delivery still failing this long after it was made is given up on, and the next for its subject goes. */
  giveUpAfterSeconds: number;
  timeoutSeconds: number;
};

const FAN_OUT_BATCH = 200;
const ATTEMPT_BATCH = 20;
const MAX_RETRY_SECONDS = 3600;

/** Makes deliveries of the outbox's new events to each endpoint that receives them; returns how many events it took. */
export async function fanOut(db: Database, endpoints: WebhookEndpoint[], now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const inTransaction = tx as unknown as Database;
    const events = await eventsAwaitingFanOut(inTransaction, FAN_OUT_BATCH);
    const deliveries = events.flatMap((event) =>
      endpoints
        .filter((endpoint) => receives(endpoint, event))
        .map((endpoint) => ({
          eventId: event.id,
          eventSequence: event.sequence,
          eventType: event.type,
          organizationId: event.organizationId,
          subjectId: event.subjectId,
          endpointUrl: endpoint.url,
          // The Standard Webhooks payload shape: type, timestamp, data.
          body: JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data }),
          // On the clock the attempts are judged by, this instance's, as the round's other times are.
          createdAt: now,
          nextAttemptAt: now,
        })),
    );
    // Another instance fanning out the same events at once makes the same rows: the unique index keeps one.
    if (deliveries.length > 0) await tx.insert(webhookDeliveries).values(deliveries).onConflictDoNothing();
    await markFannedOut(inTransaction, events.map((event) => event.sequence), now);
    return events.length;
  });
}

/** Pending deliveries due now whose subject has no earlier one pending at the same endpoint. */
function dueDeliveries(db: Database, now: Date) {
  const earlier = alias(webhookDeliveries, "earlier");
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(earlier)
            .where(
              and(
                eq(earlier.endpointUrl, webhookDeliveries.endpointUrl),
                eq(earlier.subjectId, webhookDeliveries.subjectId),
                eq(earlier.status, "pending"),
                lt(earlier.eventSequence, webhookDeliveries.eventSequence),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(webhookDeliveries.eventSequence))
    .limit(ATTEMPT_BATCH);
}

/** Takes a delivery for one attempt, unless another instance just did. */
async function claim(db: Database, delivery: WebhookDelivery, now: Date, settings: DeliverySettings): Promise<boolean> {
  const claimed = await db
    .update(webhookDeliveries)
    .set({ leaseUntil: new Date(now.getTime() + (settings.timeoutSeconds + 30) * 1000) })
    .where(
      and(
        eq(webhookDeliveries.id, delivery.id),
        eq(webhookDeliveries.status, "pending"),
        or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return claimed.length === 1;
}

/** Posts the signed body once; resolves with the receiver's HTTP status. */
function post(endpoint: WebhookEndpoint, delivery: WebhookDelivery, settings: DeliverySettings): Promise<number> {
  const url = new URL(endpoint.url);
  if (!settings.allowPrivate) refuseInternalLiteral(url);
  // The signature covers the timestamp sent beside it, in whole seconds.
  const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const headers = {
    "content-type": "application/json",
    "webhook-id": delivery.eventId,
    "webhook-timestamp": String(signedAt.getTime() / 1000),
    "webhook-signature": new Webhook(endpoint.secret).sign(delivery.eventId, signedAt, delivery.body),
  };
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve, reject) => {
    // Redirects are not followed: a 3xx is a failed attempt, so a redirect cannot lead past the address check.
    const request = send(url, { method: "POST", headers, timeout: settings.timeoutSeconds * 1000, ...(!settings.allowPrivate && { lookup: publicOnlyLookup }) }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`No answer within ${settings.timeoutSeconds} s.`)));
    request.on("error", reject);
    request.end(delivery.body);
  });
}

/** The delay before the attempt after `attempts` failed ones. */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), MAX_RETRY_SECONDS);
}

async function attempt(db: Database, delivery: WebhookDelivery, settings: DeliverySettings): Promise<void> {
  const endpoint = settings.endpoints.find((candidate) => candidate.url === delivery.endpointUrl);
  let statusCode: number | null = null;
  let error: string | null = null;
  if (!endpoint) {
    error = "The endpoint is no longer in WEBHOOK_ENDPOINTS.";
  } else {
    try {
      statusCode = await post(endpoint, delivery, settings);
      if (statusCode < 200 || statusCode > 299) error = `The receiver answered HTTP ${statusCode}.`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
  }
  const at = new Date();
  const attempts = delivery.attempts + 1;
  const outcome =
    error === null
      ? { status: "delivered", settledAt: at }
      : !endpoint || at.getTime() - delivery.createdAt.getTime() >= settings.giveUpAfterSeconds * 1000
        ? { status: "given_up", settledAt: at }
        : { status: "pending", nextAttemptAt: new Date(at.getTime() + retryDelaySeconds(attempts, settings.retryBaseSeconds) * 1000) };
  await db
    .update(webhookDeliveries)
    .set({ ...outcome, attempts, lastAttemptAt: at, lastStatusCode: statusCode, lastError: error, leaseUntil: null })
    .where(eq(webhookDeliveries.id, delivery.id));
}

/**
 * One round: fans out new events, then attempts every delivery that is due, one per subject and endpoint at
 * a time. Returns when the next pending delivery falls due, if any does.
 */
export async function deliverDue(db: Database, settings: DeliverySettings, now = new Date()): Promise<Date | undefined> {
  while ((await fanOut(db, settings.endpoints, now)) === FAN_OUT_BATCH);
  const due = await dueDeliveries(db, now);
  const claimed = [];
  for (const delivery of due) if (await claim(db, delivery, now, settings)) claimed.push(delivery);
  await Promise.all(claimed.map((delivery) => attempt(db, delivery, settings)));
  const [next] = await db
    .select({ at: sql<Date>`min(${webhookDeliveries.nextAttemptAt})`.mapWith(webhookDeliveries.nextAttemptAt) })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, "pending"));
  return next?.at ?? undefined;
}
