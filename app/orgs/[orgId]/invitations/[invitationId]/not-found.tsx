import { NotFoundNotice } from "@/components/not-found-notice";

export default function InvitationNotFound() {
  return <NotFoundNotice message="There is no such invitation in this organization." />;
}
