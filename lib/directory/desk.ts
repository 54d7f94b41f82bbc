import "server-only";
import { store } from "@/lib/db/store";
import { findOrganizations, type FinderResult } from "./find";
import { directoryStatus, type DirectoryStatus } from "./refresh";

// Support's finder page reads through these, which open the store themselves, so that app/ never reaches it.

export async function findOrganizationsForDesk(input: string, paging: { page?: number; pageSize?: number }): Promise<FinderResult> {
  return findOrganizations((await store()).db, input, paging);
}

export async function directoryStatusForDesk(): Promise<DirectoryStatus> {
  return directoryStatus((await store()).db);
}
