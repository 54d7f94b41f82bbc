import "server-only";
import type { OrgAccess } from "@/lib/authz/access";
import { reconcilerAccess } from "@/lib/authz/background";
import { inLogScope } from "@/lib/log/logger";
import { jobBoss } from "./boss";

// Background work per organization (a ledger refresh, a refresh of its members' copy) as a pg-boss job, on
// whichever instance fetches it. The queue keeps at most one job per organization waiting and one running
// ("stately", keyed by organization), so a page opened by many people, or a button pressed again, asks
// Auth0 once more at most.

type OrganizationJob = { orgId: string };

const holder = globalThis as typeof globalThis & { __organizationQueues?: Map<string, Promise<void>> };

export type OrganizationQueue = {
  /** Asks the background for the work and returns at once. */
  request: (access: OrgAccess) => Promise<void>;
  /** Started from instrumentation.ts: this instance does the queue's work, one organization at a time. */
  startWorkers: () => Promise<void>;
};

export function organizationQueue(queue: string, task: string, work: (access: OrgAccess) => Promise<void>): OrganizationQueue {
  /** The queue, made once per process (pg-boss's createQueue keeps an existing one). */
  async function ready() {
    const boss = await jobBoss();
    const made = (holder.__organizationQueues ??= new Map());
    if (!made.has(queue)) {
      const creating = boss.createQueue(queue, { policy: "stately", retryLimit: 1, retryDelay: 30, expireInSeconds: 15 * 60 });
      made.set(queue, creating);
      creating.catch(() => made.delete(queue));
    }
    await made.get(queue);
    return boss;
  }
  return {
    request: async (access) => {
      await (await ready()).send(queue, { orgId: access.orgId } satisfies OrganizationJob, { singletonKey: access.orgId });
    },
    startWorkers: async () => {
      const boss = await ready();
      await boss.work<OrganizationJob>(queue, { localConcurrency: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        if (!job) return;
        // The organization id was put here by a page or an action that passed its gate.
        await inLogScope({ requestId: job.id, task, organization: job.data.orgId }, () => work(reconcilerAccess(job.data.orgId)));
      });
    },
  };
}
