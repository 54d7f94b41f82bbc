// One app instance's bulk workers, alone, for `npm run bench:bulk`: what instrumentation.ts starts in the
// app (lib/bulk/queue.ts), in a process of its own so the benchmark can run two at once or kill one. It
// exits when the job in BENCH_JOB_ID has settled. Environment: the app's (the emulator's addresses), and
// DATABASE_URL or DATA_DIR for the store.
import { eq } from "drizzle-orm";

const { store } = await import("../lib/db/store.ts");
const { bulkQueue } = await import("../lib/bulk/queue.ts");
const { bulkJobs } = await import("../lib/db/schema.ts");

const jobId = process.env.BENCH_JOB_ID!;
const { db } = await store();
const queue = await bulkQueue();
await queue.startWorkers();
console.log(JSON.stringify({ ready: true }));
for (;;) {
  const [job] = await db.select({ status: bulkJobs.status }).from(bulkJobs).where(eq(bulkJobs.id, jobId));
  if (job && job.status !== "running") break;
  await new Promise((resolve) => setTimeout(resolve, 250));
}
await queue.stop();
process.exit(0);
