// One invite-form submission, for `npm run bench:bulk`'s form scenario: in a process of its own, so that it
// has its own configuration (the write rate) and store. alice passes the real gate, then the form's own
// data-access call runs, as the server action runs it. Environment: the app's, DATA_DIR or DATABASE_URL, and
// BENCH_EMAILS (the addresses, space-separated). Exits non-zero unless every address was invited.
import { authorize } from "../lib/authz/gate.ts";
import { createInvitations } from "../lib/invitations/create.ts";
import { createInvitationsSchema } from "../lib/schemas/invitation.ts";

const ACME = "org_AcmeCorp00000001";
const ACME_PORTAL = "AcmePortalClientId00000000000002";
const MEMBER = "rol_Member0000000003";
const ALICE = { id: "auth0|alice0000000000000000001", email: "alice@acme.test", name: "Alice Admin" };

const ctx = await authorize(ALICE, ACME);
const input = createInvitationsSchema.parse({ orgId: ACME, emails: process.env.BENCH_EMAILS ?? "", clientId: ACME_PORTAL, roleIds: [MEMBER], inviterName: ALICE.name, sendEmail: true });
const outcomes = await createInvitations(ctx, input);
const notCreated = outcomes.filter((outcome) => outcome.status !== "created");
if (notCreated.length > 0) console.error(JSON.stringify({ notCreated }));
process.exit(notCreated.length > 0 ? 1 : 0);
