import type { OrgAccess } from "@/lib/authz/access";
import { seatCount } from "@/lib/invitations/seats";
import { seatsText } from "@/lib/policy/seats";

// The organization's seats in use against its limit, for every page that shows the policy in effect (the
// Policy page, the support desk). A server component: it reads the seat count through the gate's grant.
export async function SeatsLine({ access }: { access: OrgAccess }) {
  return (
    <p className="mb-4" data-testid="seats-line">
      <span className="font-medium">Seats:</span> {seatsText(await seatCount(access))}
    </p>
  );
}
