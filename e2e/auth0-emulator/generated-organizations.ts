// Organizations made up for load: EMULATOR_SEED_ORGS=N adds N of them to the seed, always the same ones
// (ids `org_Customer00000042`, names `customer-00042`, display names such as "Northwind Traders 42"), with
// no members and the seed's first connection enabled.
import type { Organization } from "./tenant.ts";

const FIRST = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Litware", "Proseware", "Adventure", "Blue Yonder", "Coho"];
const SECOND = ["Traders", "Logistics", "Health", "Labs", "Bank", "Foods", "Airlines", "Studios", "Energy", "Retail", "Media"];

export function generatedOrganizations(count: number, connectionId: string, createdAt: string): Organization[] {
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    return {
      id: `org_Customer${String(n).padStart(8, "0")}`,
      name: `customer-${String(n).padStart(5, "0")}`,
      display_name: `${FIRST[n % FIRST.length]} ${SECOND[Math.floor(n / FIRST.length) % SECOND.length]} ${n}`,
      enabled_connections: [connectionId],
      members: [],
      created_at: createdAt,
    };
  });
}
