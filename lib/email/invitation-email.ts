import "server-only";
import type { Database } from "@/lib/db/store";

// Placeholder for the module issue 18 §1 writes (our own invitation email); the lead replaces this file at merge.
export async function sendInvitationEmail(db: Database, invitationId: string, kind: "invitation" | "reminder"): Promise<void> {
  void db;
  void invitationId;
  void kind;
  throw new Error("invitation email: not merged yet");
}
